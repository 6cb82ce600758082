'use server';

import { z } from 'zod';
import { requestSwitchover } from '@/lib/operations/switchover/request';
import { failure, formFields, invalid, postedForm, success, type ActionResult } from './action-result';
import { authorize } from './authorize';

const switchoverFormSchema = z.object({
  clusterId: z.coerce.number().int().positive(),
  candidate: z.string().trim().min(1, 'Choose the replica to take over').max(56),
  confirmName: z.string().max(100).default(''),
  reason: z.string().max(500).default(''),
});

/** Planned switchover with zero loss to the chosen replica; the old primary becomes its standby. */
export async function startSwitchover(_previous: ActionResult<{ operationId: number }> | null, form: unknown): Promise<ActionResult<{ operationId: number }>> {
  const requestedAtMs = Date.now();
  const actor = await authorize('operations.run', 'cluster.switchover');
  if (!actor.ok) return actor;
  const posted = postedForm(form);
  if (!posted.ok) return posted;
  const parsed = switchoverFormSchema.safeParse(formFields(posted.data));
  if (!parsed.success) return invalid(parsed.error);
  const { clusterId, ...request } = parsed.data;
  const outcome = await requestSwitchover(clusterId, request, { id: actor.user.id, email: actor.user.email, clientAddress: actor.clientAddress }, requestedAtMs);
  return outcome.ok ? success({ operationId: outcome.operationId }) : failure(outcome.message);
}
