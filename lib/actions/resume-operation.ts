'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { recordAudit } from '@/lib/db/audit';
import { resumeStoredOperation } from '@/lib/operations/runner';
import { failure, success } from './action-result';
import { auditedBy, defineAction } from './define-action';

const schema = z.object({ id: z.string().regex(/^\d{1,9}$/).transform(Number) });

/** Resume: re-runs an interrupted or failed operation from the first step whose check fails. */
export const resumeOperation = defineAction({ permission: 'operations.run', audit: 'operation.resume', schema, invalidMessage: 'Unknown operation.' }, async ({ id }, actor) => {
  const claim = await resumeStoredOperation(id, actor);
  if (!claim.ok) {
    await recordAudit({ ...auditedBy(actor), action: 'operation.resume', outcome: 'failed', summary: `Could not resume operation ${id}: ${claim.message}`, targetType: 'operation', targetId: id });
    return failure(claim.message);
  }
  revalidatePath(`/operations/${id}`);
  return success({ operationId: claim.operationId });
});
