import 'server-only';
import { randomBytes } from 'node:crypto';
import type { Prisma } from '@/generated/prisma/client';
import { recordAudit } from '@/lib/db/audit';
import type { OperationActor } from '@/lib/db/operations';
import { startOperation } from '@/lib/server/runner';
import '@/lib/server/runner-kinds';
import type { SwitchoverParams } from './plan-switchover';
import { assessCluster } from './read-members';
import { replicationPassword } from './rejoin-kind';
import type { StartOutcome } from './request-rejoin';
import { canSwitchover, type SwitchoverRequest } from './switchover-preconditions';

/** Reads the cluster now and says why a planned switchover to `candidate` cannot start (the first refusal of {@link canSwitchover}), or the plan's params. */
export async function prepareSwitchover(clusterId: number, request: SwitchoverRequest, requestedAtMs: number): Promise<{ ok: true; params: SwitchoverParams; clusterName: string } | { ok: false; message: string }> {
  const assessed = await assessCluster(clusterId);
  if (!assessed) return { ok: false, message: 'This cluster no longer exists.' };
  const passwordKnown = (await replicationPassword(clusterId)) !== null;
  const verdict = canSwitchover({ ...assessed, passwordKnown }, request);
  if (!verdict.ok) return { ok: false, message: verdict.refusals[0].message };
  return {
    ok: true, clusterName: assessed.record.cluster.name,
    params: { candidate: verdict.candidate, primary: verdict.primary, requestedAtMs, members: verdict.members, token: randomBytes(12).toString('hex'), maxLagBytes: verdict.maxLagBytes },
  };
}

/** Starts a planned switchover after the checks above; refusals are audited. */
export async function requestSwitchover(clusterId: number, request: SwitchoverRequest, actor: OperationActor, requestedAtMs: number, kind: 'switchover' = 'switchover'): Promise<StartOutcome> {
  const prepared = await prepareSwitchover(clusterId, request, requestedAtMs);
  const refuse = async (message: string): Promise<StartOutcome> => {
    await recordAudit({ actorId: actor.id, actorEmail: actor.email, clientAddress: actor.clientAddress ?? null, action: 'cluster.switchover', outcome: 'failed', summary: `Refused to switch over to ${request.candidate}: ${message}`, targetType: 'cluster', targetId: clusterId });
    return { ok: false, message };
  };
  if (!prepared.ok) return refuse(prepared.message);
  const claim = await startOperation({ kind, clusterId, params: prepared.params as unknown as Prisma.InputJsonValue, reason: `Switch over to ${request.candidate}: ${request.reason.trim()}`, actor });
  return claim.ok ? claim : refuse(claim.message);
}
