'use server';

import { z } from 'zod';
import { requestDrill } from '@/lib/operations/drill/request';
import { failure, formFields, invalid, postedForm, success, type ActionResult } from './action-result';
import { authorize } from './authorize';

const drillFormSchema = z.object({
  clusterId: z.coerce.number().int().positive(),
  candidate: z.string().trim().min(1, 'Choose the replica to switch over to').max(56),
  confirmName: z.string().max(100).default(''),
  reason: z.string().max(500).default(''),
});

/** A failover drill: zero-loss switchover to the chosen replica and back, with a client counting commits; the report stays on the operation. */
export async function startDrill(_previous: ActionResult<{ operationId: number }> | null, form: unknown): Promise<ActionResult<{ operationId: number }>> {
  const requestedAtMs = Date.now();
  const actor = await authorize('operations.run', 'cluster.drill');
  if (!actor.ok) return actor;
  const posted = postedForm(form);
  if (!posted.ok) return posted;
  const parsed = drillFormSchema.safeParse(formFields(posted.data));
  if (!parsed.success) return invalid(parsed.error);
  const { clusterId, ...request } = parsed.data;
  const outcome = await requestDrill(clusterId, request, { id: actor.user.id, email: actor.user.email, clientAddress: actor.clientAddress }, requestedAtMs);
  return outcome.ok ? success({ operationId: outcome.operationId }) : failure(outcome.message);
}
