import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { recordAudit } from '@/lib/db/audit';
import type { OperationActor } from '@/lib/db/operations';
import { startOperation } from '@/lib/operations/runner';
import type { RejoinParams } from './plan-rejoin';
import { assessCluster } from './read-members';
import { toFailoverMember } from './request-failover-member';
import { replicationPassword } from './rejoin-kind';
import { rejoinKind } from '@/lib/operations/rejoin/kind';

export type StartOutcome = { readonly ok: true; readonly operationId: number } | { readonly ok: false; readonly message: string };

/**
 * Starts the rejoin of `memberName` as a standby of the cluster's current primary, which
 * must answer as a primary now. Refusals are audited.
 */
export async function requestRejoin(clusterId: number, memberName: string, reason: string, actor: OperationActor, requestedAtMs: number, mode: 'rewind' | 'rebuild' = 'rewind'): Promise<StartOutcome> {
  const refuse = async (message: string): Promise<StartOutcome> => {
    await recordAudit({ actorId: actor.id, actorEmail: actor.email, clientAddress: actor.clientAddress ?? null, action: 'cluster.rejoin', outcome: 'failed', summary: `Refused to rejoin ${memberName}: ${message}`, targetType: 'cluster', targetId: clusterId });
    return { ok: false, message };
  };
  const assessed = await assessCluster(clusterId);
  if (!assessed) return { ok: false, message: 'This cluster no longer exists.' };
  const { record, readings, assessment } = assessed;
  const primary = assessment.primary;
  if (!primary?.writable) return refuse(`The primary ${primary?.name ?? '(none recorded)'} does not answer as a primary now; a member can only rejoin a working primary.`);
  if (primary.name === memberName) return refuse(`${memberName} is the primary.`);
  if ((await replicationPassword(clusterId)) === null) return refuse(`Tandem does not know the replication password of cluster ${record.cluster.name}.`);
  const member = toFailoverMember(record, readings, memberName);
  const upstream = toFailoverMember(record, readings, primary.name);
  if (typeof member === 'string') return refuse(member);
  if (typeof upstream === 'string') return refuse(upstream);
  const params: RejoinParams = { member, upstream, requestedAtMs, mode, stamp: new Date(requestedAtMs).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z') };
  const claim = await startOperation(rejoinKind, { clusterId, params: params, reason: `${mode === 'rebuild' ? 'Rebuild' : 'Rejoin'} ${memberName} as a standby of ${primary.name}${reason.trim() ? `: ${reason.trim()}` : ''}`, actor });
  return claim.ok ? claim : refuse(claim.message);
}
