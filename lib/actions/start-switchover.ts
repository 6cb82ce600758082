'use server';

import { requestSwitchover } from '@/lib/operations/switchover/request';
import { failure, success } from './action-result';
import { defineAction } from './define-action';
import { switchoverFormSchema } from './operation-form-fields';

/** Planned switchover with zero loss to the chosen replica; the old primary becomes its standby. */
export const startSwitchover = defineAction({ permission: 'operations.run', audit: 'cluster.switchover', schema: switchoverFormSchema }, async ({ clusterId, ...request }, actor, call) => {
  const outcome = await requestSwitchover(clusterId, request, actor, call.receivedAtMs);
  return outcome.ok ? success({ operationId: outcome.operationId }) : failure(outcome.message);
});
