import 'server-only';
import type { RestoreParams } from '@/lib/backup/plan-restore';
import type { RestoreTarget } from '@/lib/backup/restore-target';
import { loadRestoreHost } from '@/lib/db/backups';
import type { OperationActor } from '@/lib/db/operations';
import { toFailoverMember } from '@/lib/failover/member-values';
import type { FailoverMember } from '@/lib/failover/plan-types';
import type { StartOutcome } from '@/lib/operations/rejoin/request';
import { refuseBackupRequest, stampOf } from '../backup-refusal';
import { replicationPassword } from '../failover-inputs';
import { assessCluster } from '../read-members';
import { startOperation } from '../runner';
import { restoreKind } from './kind';
import { restorableCluster } from './request';

export interface ReplaceClusterRequest {
  readonly target: RestoreTarget;
  readonly repository: number | null;
  /** The primary's name, typed: its server is stopped and its data directory moved aside. */
  readonly confirmHost: string;
  /** The cluster's name, typed: every replica is stopped and rebuilt from the restored primary. */
  readonly confirmCluster: string;
  readonly reason: string;
}

/**
 * Starts the replacement of the whole cluster by a backup restored to `target`: the primary
 * restored in place and promoted there, every replica rebuilt from it. Refused before anything
 * runs: backups not enabled, a target outside the recovery window, either name not typed, a
 * fenced member (rejoin it first), a member that does not answer (it could neither be stopped
 * nor rebuilt), the replication password unknown.
 */
export async function requestReplaceCluster(clusterId: number, request: ReplaceClusterRequest, actor: OperationActor): Promise<StartOutcome> {
  const refuse = (message: string) => refuseBackupRequest(clusterId, 'backups.replace-cluster', 'replacing the cluster from a backup', message, actor);
  const cluster = await restorableCluster(clusterId, request.target);
  if ('refused' in cluster) return refuse(cluster.refused);
  if (!cluster.primary) return refuse(`Cluster ${cluster.name} has no primary recorded to restore onto.`);
  if (request.confirmHost.trim() !== cluster.primary) return refuse(`Type ${cluster.primary} to confirm: the primary's PostgreSQL is stopped and its data directory moved aside for the restore.`);
  if (request.confirmCluster.trim() !== cluster.name) return refuse(`Type ${cluster.name} to confirm the second time: every replica is stopped and rebuilt from the restored primary, and writes after the target leave the cluster (they stay in the moved-aside data directories).`);
  const assessed = await assessCluster(clusterId);
  if (!assessed) return refuse('This cluster no longer exists.');
  // A fenced member carries its fence (units masked, start.conf changed) until a rejoin clears it: rejoin it first.
  const fenced = assessed.readings.filter((reading) => reading.fenced).map((reading) => reading.name);
  if (fenced.length > 0) return refuse(`${fenced.join(', ')} ${fenced.length === 1 ? 'is' : 'are'} fenced: rejoin ${fenced.length === 1 ? 'it' : 'them'} from the Failover tab first (or remove ${fenced.length === 1 ? 'it' : 'them'} from the cluster), then replace the cluster.`);
  // A silent member could be the survivor that should be promoted instead.
  const silent = assessed.readings.filter((reading) => !reading.reachable).map((reading) => reading.name);
  if (silent.length > 0) return refuse(`${silent.join(', ')} ${silent.length === 1 ? 'does' : 'do'} not answer: every member must be stopped and then restored or rebuilt. Bring ${silent.length === 1 ? 'it' : 'them'} back, or remove ${silent.length === 1 ? 'it' : 'them'} from the cluster first (when the primary is lost, promote a replica instead).`);
  if ((await replicationPassword(clusterId)) === null) return refuse(`Tandem does not know the replication password of cluster ${cluster.name}: the rebuilt replicas could not log in.`);
  const members = assessed.record.members.map((member) => toFailoverMember(assessed.record, assessed.readings, member.name));
  const unusable = members.find((member): member is string => typeof member === 'string');
  if (unusable) return refuse(unusable);
  const usable = members.filter((member): member is FailoverMember => typeof member !== 'string');
  const primary = usable.find((member) => member.name === cluster.primary);
  const onto = await loadRestoreHost(primary?.hostId ?? 0);
  if (!primary || !onto) return refuse(`Tandem does not know the PostgreSQL cluster on ${cluster.primary}: run Test connection on it first.`);
  const now = new Date();
  const params: RestoreParams = {
    onto: onto.host, target: request.target, action: 'promote', repository: request.repository,
    primary: cluster.primary, stamp: stampOf(now), requestedAt: now.toISOString(), drill: false,
    replace: { primary, replicas: usable.filter((member) => member !== primary) },
  };
  const claim = await startOperation(restoreKind, { clusterId, params, reason: `Replace cluster ${cluster.name} from a backup${request.reason.trim() ? `: ${request.reason.trim()}` : ''}`, actor });
  return claim.ok ? claim : { ok: false, message: claim.message };
}
