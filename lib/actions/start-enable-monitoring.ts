'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { recordAudit } from '@/lib/db/audit';
import { startOperation } from '@/lib/operations/runner';
import { failure, formFields, invalid, postedForm, success, type ActionResult } from './action-result';
import { authorize } from './authorize';
import { enableMonitoringKind } from '@/lib/operations/enable-monitoring/kind';

const schema = z.object({
  clusterId: z.string().regex(/^\d{1,9}$/, 'Unknown cluster.').transform(Number),
});

/**
 * "Enable monitoring" for a cluster set up before monitoring existed, or imported: starts
 * the enable-monitoring operation (role, heartbeat table, pg_hba lines, a login from
 * Tandem). Audited whether it starts or is refused.
 */
export async function startEnableMonitoring(_previous: ActionResult<{ operationId: number }> | null, form: unknown): Promise<ActionResult<{ operationId: number }>> {
  const actor = await authorize('operations.run', 'cluster.enable-monitoring');
  if (!actor.ok) return actor;
  const posted = postedForm(form);
  if (!posted.ok) return posted;
  const parsed = schema.safeParse(formFields(posted.data));
  if (!parsed.success) return invalid(parsed.error);
  const who = { actorId: actor.user.id, actorEmail: actor.user.email, clientAddress: actor.clientAddress };
  const claim = await startOperation(enableMonitoringKind, { params: {}, clusterId: parsed.data.clusterId,
    reason: 'Enable monitoring',
    actor: { id: actor.user.id, email: actor.user.email, clientAddress: actor.clientAddress },
  });
  await recordAudit({
    ...who,
    action: 'cluster.enable-monitoring',
    outcome: claim.ok ? 'ok' : 'failed',
    summary: claim.ok ? `Started enabling monitoring (operation ${claim.operationId})` : `Could not start enabling monitoring: ${claim.message}`,
    targetType: 'cluster',
    targetId: parsed.data.clusterId,
  });
  if (!claim.ok) return failure(claim.message);
  revalidatePath(`/clusters/${parsed.data.clusterId}`);
  revalidatePath('/operations');
  return success({ operationId: claim.operationId });
}
