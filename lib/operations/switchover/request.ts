import 'server-only';
import { randomBytes } from 'node:crypto';
import { auditedBy, recordAudit } from '@/lib/db/audit';
import type { OperationActor } from '@/lib/db/operations';
import { startOperation } from '@/lib/operations/runner';
import { switchoverKind } from './kind';
import type { SwitchoverParams } from '@/lib/failover/plan-switchover';
import { assessClusterFor } from '@/lib/operations/read-members';
import { replicationPassword } from '@/lib/operations/failover-inputs';
import type { StartOutcome } from '@/lib/operations/rejoin/request';
import { canSwitchover, type SwitchoverRequest } from '@/lib/failover/switchover-preconditions';

/** Reads the cluster now (a candidate that is not a member is refused before any host is read) and says why a planned switchover to `candidate` cannot start (the first refusal of {@link canSwitchover}), or the plan's params. */
export async function prepareSwitchover(clusterId: number, request: SwitchoverRequest, requestedAtMs: number): Promise<{ ok: true; params: SwitchoverParams; clusterName: string } | { ok: false; message: string }> {
  const assessed = await assessClusterFor(clusterId, request.candidate);
  if (!assessed) return { ok: false, message: 'This cluster no longer exists.' };
  if ('refused' in assessed) return { ok: false, message: assessed.refused };
  const passwordKnown = (await replicationPassword(clusterId)) !== null;
  const verdict = canSwitchover({ ...assessed, passwordKnown }, request);
  if (!verdict.ok) return { ok: false, message: verdict.refusals[0].message };
  return {
    ok: true, clusterName: assessed.record.cluster.name,
    params: { candidate: verdict.candidate, primary: verdict.primary, requestedAtMs, members: verdict.members, token: randomBytes(12).toString('hex'), maxLagBytes: verdict.maxLagBytes },
  };
}

/** Starts a planned switchover after the checks above; refusals are audited. */
export async function requestSwitchover(clusterId: number, request: SwitchoverRequest, actor: OperationActor, requestedAtMs: number): Promise<StartOutcome> {
  const prepared = await prepareSwitchover(clusterId, request, requestedAtMs);
  const refuse = async (message: string): Promise<StartOutcome> => {
    await recordAudit({ ...auditedBy(actor), action: 'cluster.switchover', outcome: 'failed', summary: `Refused to switch over to ${request.candidate}: ${message}`, targetType: 'cluster', targetId: clusterId });
    return { ok: false, message };
  };
  if (!prepared.ok) return refuse(prepared.message);
  const claim = await startOperation(switchoverKind, { clusterId, params: prepared.params, reason: `Switch over to ${request.candidate}: ${request.reason.trim()}`, actor });
  return claim.ok ? claim : refuse(claim.message);
}
