import 'server-only';
import { randomBytes } from 'node:crypto';
import type { Prisma } from '@/generated/prisma/client';
import { auditedBy, recordAudit } from '@/lib/db/audit';
import { activeOperationId } from '@/lib/db/operations-read';
import type { OperationActor } from '@/lib/db/operations';
import { startOperation } from '@/lib/operations/runner';
import { promoteKind } from './kind';
import { checkPromote, type PromoteRequest, type Refusal } from '@/lib/failover/guards';
import type { PromoteParams } from '@/lib/failover/plan-promote';
import { promoteMembers } from '@/lib/failover/promote-members';
import { assessClusterFor } from '@/lib/operations/read-members';
import type { Assessment } from '@/lib/failover/types';

export type PromoteOutcome =
  | { readonly ok: true; readonly operationId: number }
  | { readonly ok: false; readonly message: string; readonly refusals: readonly Refusal[]; readonly bytesAtRisk: number | null; readonly assessment: Assessment | null };

const refused = (message: string, extra: Partial<Extract<PromoteOutcome, { ok: false }>> = {}): PromoteOutcome => ({ ok: false, message, refusals: [], bytesAtRisk: null, assessment: null, ...extra });

/**
 * A promote as the panel's button asks for it: refuses while another operation holds the
 * cluster, and a candidate that is not a member before any host is read; reads every member
 * now, applies the guard rails to that fresh reading, and starts the promote operation (the
 * cluster's lock makes a concurrent second request fail). Refusals are audited with their
 * reasons. `requestedAtMs` is when the user's request arrived: the RTO is measured from it.
 */
export async function requestPromote(clusterId: number, request: PromoteRequest, actor: OperationActor, requestedAtMs: number): Promise<PromoteOutcome> {
  const audit = (summary: string, details?: Prisma.InputJsonValue) => recordAudit({
    ...auditedBy(actor), action: 'cluster.promote', outcome: 'failed', summary, targetType: 'cluster', targetId: clusterId, ...(details ? { details } : {}),
  });
  const busy = await activeOperationId(clusterId);
  if (busy !== null) {
    const message = `Operation ${busy} is already running on this cluster; wait for it to end before promoting.`;
    await audit(`Refused to promote ${request.candidate}: ${message}`);
    return refused(message);
  }
  const assessed = await assessClusterFor(clusterId, request.candidate);
  if (!assessed) return refused('This cluster no longer exists.');
  if ('refused' in assessed) {
    await audit(`Refused to promote ${request.candidate}: ${assessed.refused}`);
    return refused(assessed.refused, { refusals: [{ field: 'candidate', message: assessed.refused }] });
  }
  const { record, readings, assessment } = assessed;
  const verdict = checkPromote(assessment, request, { clusterName: record.cluster.name, lagGuardBytes: record.lagGuardBytes });
  if (!verdict.ok) {
    const message = verdict.refusals.map((refusal) => refusal.message).join(' ');
    await audit(`Refused to promote ${request.candidate} in ${record.cluster.name}: ${message}`, { refusals: verdict.refusals.map((refusal) => refusal.field), bytesAtRisk: verdict.bytesAtRisk });
    return refused(message, { refusals: verdict.refusals, bytesAtRisk: verdict.bytesAtRisk, assessment });
  }
  const chosen = promoteMembers(record, readings, assessment, verdict.candidate.name, verdict.fence);
  if (!chosen.ok) return refused(chosen.message);
  const params: PromoteParams = {
    candidate: verdict.candidate.name, oldPrimary: chosen.oldPrimary, fence: verdict.fence, requestedAtMs, referenceLsn: assessment.referenceLsn,
    overrideBytes: verdict.overrideBytes, needRejoin: chosen.needRejoin, members: chosen.members,
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
