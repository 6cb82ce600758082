'use server';

import { requestPromote } from '@/lib/operations/promote/request';
import { promoteFormSchema } from '@/lib/failover/promote-schema';
import { failure, success, type FieldErrors } from './action-result';
import { defineAction } from './define-action';

/**
 * The promote button: checks the session and role, reads every member now, applies the
 * guard rails (typed cluster name, reason, acknowledgement of an unreachable primary, lag
 * guard override) and starts the promote operation. The RTO is measured from this call.
 */
export const startPromote = defineAction({ permission: 'operations.run', audit: 'cluster.promote', schema: promoteFormSchema }, async ({ clusterId, ...request }, actor, call) => {
  const outcome = await requestPromote(clusterId, request, actor, call.receivedAtMs);
  if (!outcome.ok) {
    const fieldErrors: FieldErrors = {};
    for (const refusal of outcome.refusals) (fieldErrors[refusal.field] ??= []).push(refusal.message);
    return failure(outcome.message, fieldErrors);
  }
  return success({ operationId: outcome.operationId });
});
