'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { recordAudit } from '@/lib/db/audit';
import { cancelStoredOperation } from '@/lib/operations/runner';
import { failure, formFields, postedForm, success, type ActionResult } from './action-result';
import { authorize } from './authorize';

const schema = z.object({ id: z.string().regex(/^\d{1,9}$/).transform(Number) });

/**
 * Cancel: a running operation stops at once (its current step is marked cancelled; a
 * remote command is signalled), an interrupted one is closed and its cluster unlocked.
 */
export async function cancelOperation(_previous: ActionResult<{ operationId: number }> | null, form: unknown): Promise<ActionResult<{ operationId: number }>> {
  const actor = await authorize('operations.run', 'operation.cancel');
  if (!actor.ok) return actor;
  const posted = postedForm(form);
  if (!posted.ok) return posted;
  const parsed = schema.safeParse(formFields(posted.data));
  if (!parsed.success) return failure('Unknown operation.');
  const id = parsed.data.id;
  const who = { id: actor.user.id, email: actor.user.email, clientAddress: actor.clientAddress };
  const claim = await cancelStoredOperation(id, who);
  if (!claim.ok) {
    await recordAudit({
      actorId: who.id, actorEmail: who.email, action: 'operation.cancel', clientAddress: who.clientAddress, targetType: 'operation', targetId: id,
      outcome: 'failed', summary: `Could not cancel operation ${id}: ${claim.message}`,
    });
    return failure(claim.message);
  }
  revalidatePath(`/operations/${id}`);
  return success({ operationId: id });
}
