'use server';

import { z } from 'zod';
import { requestRejoin } from '@/lib/operations/rejoin/request';
import { failure, formFields, invalid, postedForm, success, type ActionResult } from './action-result';
import { authorize } from './authorize';

const rejoinFormSchema = z.object({
  clusterId: z.coerce.number().int().positive(),
  member: z.string().trim().min(1, 'Choose the member to rejoin').max(56),
  reason: z.string().max(500).default(''),
  rebuild: z.enum(['on', 'true']).optional().transform((value) => value !== undefined),
});

/**
 * Rejoins a fenced former primary as a standby of the current primary (pg_rewind, or a
 * rebuild by base backup with the old data directory moved aside), clearing its fence when it streams.
 */
export async function startRejoin(_previous: ActionResult<{ operationId: number }> | null, form: unknown): Promise<ActionResult<{ operationId: number }>> {
  const requestedAtMs = Date.now();
  const actor = await authorize('operations.run', 'cluster.rejoin');
  if (!actor.ok) return actor;
  const posted = postedForm(form);
  if (!posted.ok) return posted;
  const parsed = rejoinFormSchema.safeParse(formFields(posted.data));
  if (!parsed.success) return invalid(parsed.error);
  const outcome = await requestRejoin(parsed.data.clusterId, parsed.data.member, parsed.data.reason, { id: actor.user.id, email: actor.user.email, clientAddress: actor.clientAddress }, requestedAtMs, parsed.data.rebuild ? 'rebuild' : 'rewind');
  return outcome.ok ? success({ operationId: outcome.operationId }) : failure(outcome.message);
}
