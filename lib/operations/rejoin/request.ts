import 'server-only';
import { auditedBy, recordAudit } from '@/lib/db/audit';
import type { OperationActor } from '@/lib/db/operations';
import { startOperation } from '@/lib/operations/runner';
import { rejoinKind } from './kind';
import type { RejoinMode, RejoinParams } from '@/lib/failover/plan-rejoin';
import { assessClusterFor } from '@/lib/operations/read-members';
import { canRejoin } from '@/lib/failover/rejoin-preconditions';
import { replicationPassword } from '@/lib/operations/failover-inputs';
import { loadBackupPlan } from '@/lib/db/backups';

const ACTION_WORDS: Record<RejoinMode, string> = { rewind: 'Rejoin', rebuild: 'Rebuild', backup: 'Restore from the latest backup and rejoin' };

export type StartOutcome = { readonly ok: true; readonly operationId: number } | { readonly ok: false; readonly message: string };

/**
 * Starts the rejoin of `memberName` as a standby of the cluster's current primary, which
 * must answer as a primary now ({@link canRejoin} says what else, and which mode applies
 * when `mode` is not given); `backup` needs backups enabled on the cluster. Refusals are audited.
 */
export async function requestRejoin(clusterId: number, memberName: string, reason: string, actor: OperationActor, requestedAtMs: number, mode?: RejoinMode): Promise<StartOutcome> {
  const refuse = async (message: string): Promise<StartOutcome> => {
    await recordAudit({ ...auditedBy(actor), action: 'cluster.rejoin', outcome: 'failed', summary: `Refused to rejoin ${memberName}: ${message}`, targetType: 'cluster', targetId: clusterId });
    return { ok: false, message };
  };
  const assessed = await assessClusterFor(clusterId, memberName);
  if (!assessed) return { ok: false, message: 'This cluster no longer exists.' };
  if ('refused' in assessed) return refuse(assessed.refused);
  const verdict = canRejoin({ ...assessed, passwordKnown: (await replicationPassword(clusterId)) !== null }, memberName, mode);
  if (!verdict.ok) return refuse(verdict.refusals[0].message);
  const { member, upstream } = verdict;
  const backups = verdict.mode === 'backup' ? await loadBackupPlan(clusterId) : null;
  if (verdict.mode === 'backup' && !backups?.enabledAt) return refuse(`Backups are not enabled on this cluster: rejoin ${memberName} with pg_rewind or a rebuild, or enable backups first.`);
  const stamp = new Date(requestedAtMs).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const params: RejoinParams = { member, upstream, requestedAtMs, mode: verdict.mode, stamp, ...(backups ? { stanza: backups.stanza } : {}) };
  const why = verdict.defaulted && verdict.writesOfItsOwn ? ` (by default: ${memberName} accepts writes of its own, kept whole in its old data directory)` : '';
  const claim = await startOperation(rejoinKind, { clusterId, params: params, reason: `${ACTION_WORDS[verdict.mode]} ${memberName} as a standby of ${upstream.name}${why}${reason.trim() ? `: ${reason.trim()}` : ''}`, actor });
  return claim.ok ? claim : refuse(claim.message);
}
