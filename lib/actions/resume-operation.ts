'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { recordAudit } from '@/lib/db/audit';
import { resumeStoredOperation } from '@/lib/operations/runner';
import { failure, formFields, postedForm, success, type ActionResult } from './action-result';
import { authorize } from './authorize';

const schema = z.object({ id: z.string().regex(/^\d{1,9}$/).transform(Number) });

/** Resume: re-runs an interrupted or failed operation from the first step whose check fails. */
export async function resumeOperation(_previous: ActionResult<{ operationId: number }> | null, form: unknown): Promise<ActionResult<{ operationId: number }>> {
  const actor = await authorize('operations.run', 'operation.resume');
  if (!actor.ok) return actor;
  const posted = postedForm(form);
  if (!posted.ok) return posted;
  const parsed = schema.safeParse(formFields(posted.data));
  if (!parsed.success) return failure('Unknown operation.');
  const who = { id: actor.user.id, email: actor.user.email, clientAddress: actor.clientAddress };
  const claim = await resumeStoredOperation(parsed.data.id, who);
  if (!claim.ok) {
    await recordAudit({
      actorId: who.id, actorEmail: who.email, action: 'operation.resume', outcome: 'failed', clientAddress: who.clientAddress,
      summary: `Could not resume operation ${parsed.data.id}: ${claim.message}`, targetType: 'operation', targetId: parsed.data.id,
    });
    return failure(claim.message);
  }
  revalidatePath(`/operations/${parsed.data.id}`);
  return success({ operationId: claim.operationId });
}
