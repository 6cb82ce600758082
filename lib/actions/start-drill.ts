'use server';

import { requestDrill } from '@/lib/operations/drill/request';
import { failure, success } from './action-result';
import { defineAction } from './define-action';
import { switchoverFormSchema } from './operation-form-fields';

/** A failover drill: zero-loss switchover to the chosen replica and back, with a client counting commits; the report stays on the operation. */
export const startDrill = defineAction({ permission: 'operations.run', audit: 'cluster.drill', schema: switchoverFormSchema }, async ({ clusterId, ...request }, actor, call) => {
  const outcome = await requestDrill(clusterId, request, actor, call.receivedAtMs);
  return outcome.ok ? success({ operationId: outcome.operationId }) : failure(outcome.message);
});
