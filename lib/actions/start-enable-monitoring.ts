'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { recordAudit } from '@/lib/db/audit';
import { startOperation } from '@/lib/operations/runner';
import { failure, success } from './action-result';
import { auditedBy, defineAction } from './define-action';
import { clusterIdField } from './operation-form-fields';
import { enableMonitoringKind } from '@/lib/operations/enable-monitoring/kind';

const schema = z.object({ clusterId: clusterIdField });

/**
 * "Enable monitoring" for a cluster set up before monitoring existed, or imported: starts
 * the enable-monitoring operation (role, heartbeat table, pg_hba lines, a login from
 * Tandem). Audited whether it starts or is refused.
 */
export const startEnableMonitoring = defineAction({ permission: 'operations.run', audit: 'cluster.enable-monitoring', schema }, async ({ clusterId }, actor) => {
  const claim = await startOperation(enableMonitoringKind, { params: {}, clusterId, reason: 'Enable monitoring', actor });
  await recordAudit({
    ...auditedBy(actor),
    action: 'cluster.enable-monitoring',
    outcome: claim.ok ? 'ok' : 'failed',
    summary: claim.ok ? `Started enabling monitoring (operation ${claim.operationId})` : `Could not start enabling monitoring: ${claim.message}`,
    targetType: 'cluster',
    targetId: clusterId,
  });
  if (!claim.ok) return failure(claim.message);
  revalidatePath(`/clusters/${clusterId}`);
  revalidatePath('/operations');
  return success({ operationId: claim.operationId });
});
