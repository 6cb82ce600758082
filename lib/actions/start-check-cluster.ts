'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { startOperation } from '@/lib/operations/runner';
import { failure, formFields, invalid, postedForm, success, type ActionResult } from './action-result';
import { authorize } from './authorize';
import { checkClusterKind } from '@/lib/operations/check-cluster/kind';

const schema = z.object({
  clusterId: z.string().regex(/^\d{1,9}$/, 'Unknown cluster.').transform(Number),
  reason: z.string().trim().max(500, 'Keep the reason under 500 characters.').default(''),
});

/** "Check cluster": a read-only operation that reaches every member over SSH and asks its PostgreSQL to answer. */
export async function startCheckCluster(_previous: ActionResult<{ operationId: number }> | null, form: unknown): Promise<ActionResult<{ operationId: number }>> {
  const actor = await authorize('operations.run', 'operation.start');
  if (!actor.ok) return actor;
  const posted = postedForm(form);
  if (!posted.ok) return posted;
  const parsed = schema.safeParse(formFields(posted.data));
  if (!parsed.success) return invalid(parsed.error);
  const claim = await startOperation(checkClusterKind, { params: {}, clusterId: parsed.data.clusterId,
    reason: parsed.data.reason,
    actor: { id: actor.user.id, email: actor.user.email, clientAddress: actor.clientAddress },
  });
  if (!claim.ok) return failure(claim.message);
  revalidatePath('/operations');
  return success({ operationId: claim.operationId });
}
