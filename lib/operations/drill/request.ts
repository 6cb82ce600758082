import 'server-only';
import { randomBytes } from 'node:crypto';
import { auditedBy, recordAudit } from '@/lib/db/audit';
import type { OperationActor } from '@/lib/db/operations';
import { startOperation } from '@/lib/operations/runner';
import { drillKind } from './kind';
import type { DrillParams } from '@/lib/failover/plan-drill';
import type { StartOutcome } from '@/lib/operations/rejoin/request';
import { prepareSwitchover } from '@/lib/operations/switchover/request';
import type { SwitchoverRequest } from '@/lib/failover/switchover-preconditions';

/** Starts a failover drill (switchover to `candidate` and back) after the switchover checks; refusals are audited. */
export async function requestDrill(clusterId: number, request: SwitchoverRequest, actor: OperationActor, requestedAtMs: number): Promise<StartOutcome> {
  const prepared = await prepareSwitchover(clusterId, request, requestedAtMs);
  if (!prepared.ok) {
    await recordAudit({ ...auditedBy(actor), action: 'cluster.drill', outcome: 'failed', summary: `Refused a failover drill to ${request.candidate}: ${prepared.message}`, targetType: 'cluster', targetId: clusterId });
    return { ok: false, message: prepared.message };
  }
  const there = prepared.params;
  const params: DrillParams = {
    there,
    back: { ...there, candidate: there.primary, primary: there.candidate, token: randomBytes(12).toString('hex') },
    run: `drill-${randomBytes(6).toString('hex')}`,
  };
  const claim = await startOperation(drillKind, { clusterId, params: params, reason: `Failover drill to ${there.candidate} and back: ${request.reason.trim()}`, actor });
  return claim.ok ? claim : { ok: false, message: claim.message };
}
