'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { recordAudit } from '@/lib/db/audit';
import { cancelStoredOperation } from '@/lib/operations/runner';
import { failure, success } from './action-result';
import { auditedBy, defineAction } from './define-action';

const schema = z.object({ id: z.string().regex(/^\d{1,9}$/).transform(Number) });

/**
 * Cancel: a running operation stops at once (its current step is marked cancelled; a
 * remote command is signalled), an interrupted one is closed and its cluster unlocked.
 */
export const cancelOperation = defineAction({ permission: 'operations.run', audit: 'operation.cancel', schema, invalidMessage: 'Unknown operation.' }, async ({ id }, actor) => {
  const claim = await cancelStoredOperation(id, actor);
  if (!claim.ok) {
    await recordAudit({ ...auditedBy(actor), action: 'operation.cancel', targetType: 'operation', targetId: id, outcome: 'failed', summary: `Could not cancel operation ${id}: ${claim.message}` });
    return failure(claim.message);
  }
  revalidatePath(`/operations/${id}`);
  return success({ operationId: id });
});
