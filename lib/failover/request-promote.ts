import 'server-only';
import { randomBytes } from 'node:crypto';
import type { Prisma } from '@/generated/prisma/client';
import { recordAudit } from '@/lib/db/audit';
import { activeOperationId } from '@/lib/db/operations-read';
import type { OperationActor } from '@/lib/db/operations';
import { startOperation } from '@/lib/operations/runner';
import { aheadOf } from './candidates';
import { checkPromote, type PromoteRequest, type Refusal } from './guards';
import { memberValueProblem } from './member-values';
import type { PromoteParams } from './plan-promote';
import type { FailoverMember } from './plan-types';
import { assessCluster } from './read-members';
import type { Assessment } from './types';
import { promoteKind } from '@/lib/operations/promote/kind';

export type PromoteOutcome =
  | { readonly ok: true; readonly operationId: number }
  | { readonly ok: false; readonly message: string; readonly refusals: readonly Refusal[]; readonly bytesAtRisk: number | null; readonly assessment: Assessment | null };

const refused = (message: string, extra: Partial<Extract<PromoteOutcome, { ok: false }>> = {}): PromoteOutcome => ({ ok: false, message, refusals: [], bytesAtRisk: null, assessment: null, ...extra });

/**
 * A promote as the panel's button asks for it: refuses while another operation holds the
 * cluster, reads every member now, applies the guard rails to that fresh reading, and
 * starts the promote operation (the cluster's lock makes a concurrent second request
 * fail). Refusals are audited with their reasons. `requestedAtMs` is when the user's
 * request arrived: the RTO is measured from it.
 */
export async function requestPromote(clusterId: number, request: PromoteRequest, actor: OperationActor, requestedAtMs: number): Promise<PromoteOutcome> {
  const audit = (summary: string, details?: Prisma.InputJsonValue) => recordAudit({
    actorId: actor.id, actorEmail: actor.email, clientAddress: actor.clientAddress ?? null, action: 'cluster.promote', outcome: 'failed', summary, targetType: 'cluster', targetId: clusterId, ...(details ? { details } : {}),
  });
  const busy = await activeOperationId(clusterId);
  if (busy !== null) {
    const message = `Operation ${busy} is already running on this cluster; wait for it to end before promoting.`;
    await audit(`Refused to promote ${request.candidate}: ${message}`);
    return refused(message);
  }
  const assessed = await assessCluster(clusterId);
  if (!assessed) return refused('This cluster no longer exists.');
  const { record, readings, assessment } = assessed;
  const verdict = checkPromote(assessment, request, { clusterName: record.cluster.name, lagGuardBytes: record.lagGuardBytes });
  if (!verdict.ok) {
    const message = verdict.refusals.map((refusal) => refusal.message).join(' ');
    await audit(`Refused to promote ${request.candidate} in ${record.cluster.name}: ${message}`, { refusals: verdict.refusals.map((refusal) => refusal.field), bytesAtRisk: verdict.bytesAtRisk });
    return refused(message, { refusals: verdict.refusals, bytesAtRisk: verdict.bytesAtRisk, assessment });
  }
  const members: FailoverMember[] = [];
  for (const member of record.members) {
    const dataDirectory = readings.find((reading) => reading.hostId === member.hostId)?.dataDirectory ?? member.dataDirectory;
    const unreachable = !readings.find((reading) => reading.hostId === member.hostId)?.reachable;
    if (dataDirectory === null) {
      if (!unreachable) return refused(`Tandem does not know ${member.name}'s data directory; check the host first.`);
      continue;
    }
    const value: FailoverMember = { hostId: member.hostId, name: member.name, address: member.address, pgPort: member.pgPort, control: member.control, dataDirectory, applicationName: member.applicationName, slotName: member.slotName };
    const problem = memberValueProblem(value);
    if (problem) return refused(`${problem}; Tandem will not use it in a command.`);
    if (member.role === 'replica' && unreachable && member.name !== request.candidate) continue;
    members.push(value);
  }
  const oldPrimary = assessment.primary?.name ?? null;
  if (oldPrimary && !members.some((member) => member.name === oldPrimary)) return refused(`Tandem does not know enough about ${oldPrimary} to fence it; check the host first.`);
  const ahead = verdict.fence === 'acknowledged' ? aheadOf(assessment, verdict.candidate.name) : [];
  const params: PromoteParams = {
    candidate: verdict.candidate.name, oldPrimary, fence: verdict.fence, requestedAtMs, referenceLsn: assessment.referenceLsn,
    overrideBytes: verdict.overrideBytes, needRejoin: ahead,
    members: members.filter((member) => !ahead.includes(member.name) && !(record.members.find((entry) => entry.name === member.name)?.fenced && member.name !== oldPrimary)),
    token: randomBytes(12).toString('hex'), reason: request.reason.trim(),
  };
  const claim = await startOperation(promoteKind, { clusterId, params: params,
    reason: `Promote ${verdict.candidate.name}: ${request.reason.trim()}${verdict.overrideBytes !== null ? ` (lag guard overridden, ${verdict.overrideBytes} bytes at risk)` : ''}`,
    actor,
  });
  if (!claim.ok) {
    await audit(`Refused to promote ${request.candidate}: ${claim.message}`);
    return refused(claim.message, { assessment });
  }
  return { ok: true, operationId: claim.operationId };
}
