import 'server-only';
import { revalidatePath } from 'next/cache';
import { clusterPaths } from '@/lib/clusters/cluster-tabs';
import { recordAudit } from '@/lib/db/audit';
import type { OperationKind } from '@/lib/operations/define-kind';
import { startOperation } from '@/lib/operations/runner';
import { failure, success, type ActionResult } from './action-result';
import { auditedBy, type Actor } from './define-action';

/**
 * Starts an operation on a cluster from a button, audited under `audit`
 * whether it starts or is refused (`what` completes "Started …" / "Could not start …").
 */
export async function startClusterOperation<Params>(
  kind: OperationKind<string, Params>,
  request: { readonly clusterId: number; readonly params: Params; readonly reason: string; readonly audit: string; readonly what: string },
  actor: Actor,
): Promise<ActionResult<{ operationId: number }>> {
  const claim = await startOperation(kind, { params: request.params, clusterId: request.clusterId, reason: request.reason, actor });
  await recordAudit({
    ...auditedBy(actor),
    action: request.audit,
    outcome: claim.ok ? 'ok' : 'failed',
    summary: claim.ok ? `Started ${request.what} (operation ${claim.operationId})` : `Could not start ${request.what}: ${claim.message}`,
    targetType: 'cluster',
    targetId: request.clusterId,
  });
  if (!claim.ok) return failure(claim.message);
  for (const path of clusterPaths(request.clusterId)) revalidatePath(path);
  revalidatePath('/operations');
  return success({ operationId: claim.operationId });
}
