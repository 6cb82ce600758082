import type { Step } from '@/lib/replication/engine/types';
import type { FailoverCluster, FailoverMember, FailoverRecorder } from './plan-types';
import { finishStep } from './steps/record';
import { checkpointStep, finishRejoinStep, rewindAccessStep, rewindPossibleStep, rewindStep } from './steps/rewind';
import { rebuildStep } from './steps/rebuild';
import { configureStandbyStep, passfileStep, restoreUnitsStep, startStandbyStep, stopStep, type ReplicationSecret } from './steps/standby';

/** What a rejoin operation stores (no secrets). */
export interface RejoinParams {
  readonly member: FailoverMember;
  readonly upstream: FailoverMember;
  readonly requestedAtMs: number;
  /** `rewind` (default) or a rebuild by base backup, the old data directory moved aside with `stamp`. */
  readonly mode?: 'rewind' | 'rebuild';
  readonly stamp?: string;
}

/**
 * Rejoins a former primary (or any member that forked) as a standby of the current primary:
 * prove pg_rewind can work (checksums or wal_log_hints), write the passfile, give the role
 * pg_rewind's file access on the primary, CHECKPOINT there, stop the member, pg_rewind,
 * configure it as a standby, unmask the systemd units its fence masked, start it as a
 * standby (never as a primary), verify it streams, then restore its start.conf, remove
 * the temporary access and clear the fence.
 */
export function planRejoin(cluster: FailoverCluster, params: RejoinParams, recorder: FailoverRecorder, secret: () => Promise<ReplicationSecret>): Step[] {
  const { member, upstream } = params;
  if (params.mode === 'rebuild') {
    return [
      passfileStep(cluster, member, secret),
      stopStep(member, 'the data directory is moved aside and replaced by a copy of the primary'),
      rebuildStep(cluster, member, upstream, params.stamp ?? '19700101T000000Z'),
      configureStandbyStep(cluster, member, upstream),
      restoreUnitsStep(member),
      startStandbyStep(cluster, member, upstream),
      finishRejoinStep(cluster, member, upstream, recorder),
      finishStep(`${member.name} rebuilt`, { requestedAtMs: params.requestedAtMs }, { event: 'rejoin', summary: `${member.name} was rebuilt from ${upstream.name} and rejoined ${cluster.name} as its standby.` }, recorder),
    ];
  }
  return [
    rewindPossibleStep(cluster, member),
    passfileStep(cluster, member, secret),
    rewindAccessStep(cluster, member, upstream),
    checkpointStep(upstream),
    stopStep(member, 'pg_rewind needs the target server stopped cleanly', true),
    rewindStep(cluster, member, upstream),
    configureStandbyStep(cluster, member, upstream),
    restoreUnitsStep(member),
    startStandbyStep(cluster, member, upstream),
    finishRejoinStep(cluster, member, upstream, recorder),
    finishStep(`${member.name} rejoined`, { requestedAtMs: params.requestedAtMs }, { event: 'rejoin', summary: `${member.name} rejoined ${cluster.name} as a standby of ${upstream.name}.` }, recorder),
  ];
}
