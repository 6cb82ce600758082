'use server';

import { z } from 'zod';
import { requestSwitchover } from '@/lib/operations/switchover/request';
import { failure, success } from './action-result';
import { defineAction } from './define-action';

const switchoverFormSchema = z.object({
  clusterId: z.coerce.number().int().positive(),
  candidate: z.string().trim().min(1, 'Choose the replica to take over').max(56),
  confirmName: z.string().max(100).default(''),
  reason: z.string().max(500).default(''),
});

/** Planned switchover with zero loss to the chosen replica; the old primary becomes its standby. */
export const startSwitchover = defineAction({ permission: 'operations.run', audit: 'cluster.switchover', schema: switchoverFormSchema }, async ({ clusterId, ...request }, actor, call) => {
  const outcome = await requestSwitchover(clusterId, request, actor, call.receivedAtMs);
  return outcome.ok ? success({ operationId: outcome.operationId }) : failure(outcome.message);
});
