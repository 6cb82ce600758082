'use server';

import { z } from 'zod';
import { requestDrill } from '@/lib/operations/drill/request';
import { failure, success } from './action-result';
import { defineAction } from './define-action';

const drillFormSchema = z.object({
  clusterId: z.coerce.number().int().positive(),
  candidate: z.string().trim().min(1, 'Choose the replica to switch over to').max(56),
  confirmName: z.string().max(100).default(''),
  reason: z.string().max(500).default(''),
});

/** A failover drill: zero-loss switchover to the chosen replica and back, with a client counting commits; the report stays on the operation. */
export const startDrill = defineAction({ permission: 'operations.run', audit: 'cluster.drill', schema: drillFormSchema }, async ({ clusterId, ...request }, actor, call) => {
  const outcome = await requestDrill(clusterId, request, actor, call.receivedAtMs);
  return outcome.ok ? success({ operationId: outcome.operationId }) : failure(outcome.message);
});
