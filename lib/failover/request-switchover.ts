import 'server-only';
import { randomBytes } from 'node:crypto';
import type { Prisma } from '@/generated/prisma/client';
import { recordAudit } from '@/lib/db/audit';
import type { OperationActor } from '@/lib/db/operations';
import { startOperation } from '@/lib/operations/runner';
import { formatBytes } from '@/lib/format/bytes';
import type { SwitchoverParams } from './plan-switchover';
import type { FailoverMember } from './plan-types';
import { assessCluster } from './read-members';
import { replicationPassword } from './rejoin-kind';
import { toFailoverMember } from './request-failover-member';
import type { StartOutcome } from './request-rejoin';
import { switchoverKind } from '@/lib/operations/switchover/kind';

export interface SwitchoverRequest {
  readonly candidate: string;
  readonly confirmName: string;
  readonly reason: string;
}

/** Why a planned switchover to `candidate` cannot start now (plain words), or the plan's params. */
export async function prepareSwitchover(clusterId: number, request: SwitchoverRequest, requestedAtMs: number): Promise<{ ok: true; params: SwitchoverParams; clusterName: string } | { ok: false; message: string }> {
  const assessed = await assessCluster(clusterId);
  if (!assessed) return { ok: false, message: 'This cluster no longer exists.' };
  const { record, readings, assessment } = assessed;
  const name = record.cluster.name;
  if (request.confirmName.trim() !== name) return { ok: false, message: `Type the cluster name, ${name}, to confirm.` };
  if (request.reason.trim().length < 3) return { ok: false, message: 'Say why you switch over (kept in the audit log and on the operation).' };
  const primary = assessment.primary;
  if (!primary?.writable) return { ok: false, message: `The primary ${primary?.name ?? '(none recorded)'} does not answer as a primary; a planned switchover needs it. Use promote instead.` };
  const candidate = assessment.candidates.find((entry) => entry.name === request.candidate);
  if (!candidate) return { ok: false, message: `${request.candidate} is not a replica of ${name}.` };
  if (!candidate.healthy) return { ok: false, message: `${candidate.name} cannot take over: it ${candidate.problems.join(' and ')}.` };
  if (candidate.receiverStatus !== 'streaming') return { ok: false, message: `${candidate.name} does not stream (${candidate.receiverStatus ?? 'no WAL receiver'}); a switchover to it could lose writes.` };
  if ((candidate.replayLagBytes ?? Infinity) > record.lagGuardBytes) return { ok: false, message: `${candidate.name} is ${formatBytes(candidate.replayLagBytes ?? 0)} behind, more than the lag guard of ${formatBytes(record.lagGuardBytes)}; wait until it catches up.` };
  if ((await replicationPassword(clusterId)) === null) return { ok: false, message: `Tandem does not know the replication password of ${name}; the old primary cannot become a standby.` };
  const members: FailoverMember[] = [];
  for (const member of record.members) {
    const reading = readings.find((entry) => entry.hostId === member.hostId);
    if (!reading?.reachable || member.fenced) continue;
    const value = toFailoverMember(record, readings, member.name);
    if (typeof value === 'string') return { ok: false, message: value };
    members.push(value);
  }
  return {
    ok: true, clusterName: name,
    params: { candidate: candidate.name, primary: primary.name, requestedAtMs, members, token: randomBytes(12).toString('hex'), maxLagBytes: record.lagGuardBytes },
  };
}

/** Starts a planned switchover after the checks above; refusals are audited. */
export async function requestSwitchover(clusterId: number, request: SwitchoverRequest, actor: OperationActor, requestedAtMs: number): Promise<StartOutcome> {
  const prepared = await prepareSwitchover(clusterId, request, requestedAtMs);
  const refuse = async (message: string): Promise<StartOutcome> => {
    await recordAudit({ actorId: actor.id, actorEmail: actor.email, clientAddress: actor.clientAddress ?? null, action: 'cluster.switchover', outcome: 'failed', summary: `Refused to switch over to ${request.candidate}: ${message}`, targetType: 'cluster', targetId: clusterId });
    return { ok: false, message };
  };
  if (!prepared.ok) return refuse(prepared.message);
  const claim = await startOperation(switchoverKind, { clusterId, params: prepared.params, reason: `Switch over to ${request.candidate}: ${request.reason.trim()}`, actor });
  return claim.ok ? claim : refuse(claim.message);
}
