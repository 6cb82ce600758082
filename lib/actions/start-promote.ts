'use server';

import { requestPromote } from '@/lib/operations/promote/request';
import { promoteFormSchema } from '@/lib/failover/promote-schema';
import { failure, formFields, invalid, postedForm, success, type ActionResult, type FieldErrors } from './action-result';
import { authorize } from './authorize';

/**
 * The promote button: checks the session and role, reads every member now, applies the
 * guard rails (typed cluster name, reason, acknowledgement of an unreachable primary, lag
 * guard override) and starts the promote operation. The RTO is measured from this call.
 */
export async function startPromote(_previous: ActionResult<{ operationId: number }> | null, form: unknown): Promise<ActionResult<{ operationId: number }>> {
  const requestedAtMs = Date.now();
  const actor = await authorize('operations.run', 'cluster.promote');
  if (!actor.ok) return actor;
  const posted = postedForm(form);
  if (!posted.ok) return posted;
  const parsed = promoteFormSchema.safeParse(formFields(posted.data));
  if (!parsed.success) return invalid(parsed.error);
  const { clusterId, ...request } = parsed.data;
  const outcome = await requestPromote(clusterId, request, { id: actor.user.id, email: actor.user.email, clientAddress: actor.clientAddress }, requestedAtMs);
  if (!outcome.ok) {
    const fieldErrors: FieldErrors = {};
    for (const refusal of outcome.refusals) (fieldErrors[refusal.field] ??= []).push(refusal.message);
    return failure(outcome.message, fieldErrors);
  }
  return success({ operationId: outcome.operationId });
}
