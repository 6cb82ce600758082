import type { Step } from '@/lib/replication/engine/types';
import type { FailoverCluster, FailoverMember, FailoverRecorder } from './plan-types';
import { finishStep } from './steps/record';
import { checkpointStep, finishRejoinStep, rewindAccessStep, rewindPossibleStep, rewindStep } from './steps/rewind';
import { keepWalStep } from './steps/keep-wal';
import { rebuildStep } from './steps/rebuild';
import { restoreStandbyStep } from './steps/restore-standby';
import { configureStandbyStep, passfileStep, restoreUnitsStep, startStandbyStep, stopStep, type ReplicationSecret } from './steps/standby';

/**
 * pg_rewind (its step keeps a copy of the WAL it discards), a rebuild by base backup with the
 * old data directory moved aside whole, or a delta restore of the latest backup (the WAL since
 * the fork kept first, as for pg_rewind), which loads the repository instead of the primary.
 */
export type RejoinMode = 'rewind' | 'rebuild' | 'backup';

/** What a rejoin operation stores (no secrets). */
export interface RejoinParams {
  readonly member: FailoverMember;
  readonly upstream: FailoverMember;
  readonly requestedAtMs: number;
  /** Absent: `rewind`. `stamp` names what either keeps: the WAL copied before pg_rewind, or the old data directory moved aside. */
  readonly mode?: RejoinMode;
  readonly stamp?: string;
  /** `backup` only: the cluster's stanza. */
  readonly stanza?: string;
}

/**
 * Rejoins a former primary (or any member that forked) as a standby of the current primary:
 * prove pg_rewind can work (checksums or wal_log_hints), write the passfile, give the role
 * pg_rewind's file access on the primary, CHECKPOINT there, stop the member, keep a copy
 * of its WAL since the fork (never deleted), pg_rewind, configure it as a standby, unmask
 * the systemd units its fence masked, start it as a standby (never as a primary), verify
 * it streams, then restore its start.conf, remove the temporary access and clear the fence.
 * `backupAccess` (mode `backup`): the steps that give the member SSH trust with the
 * repository host and the stanza's file, run before it is stopped.
 */
export function planRejoin(cluster: FailoverCluster, params: RejoinParams, recorder: FailoverRecorder, secret: () => Promise<ReplicationSecret>, backupAccess: readonly Step[] = []): Step[] {
  const { member, upstream } = params;
  const stamp = params.stamp ?? '19700101T000000Z';
  if (params.mode === 'backup') {
    if (!params.stanza || backupAccess.length === 0) throw new TypeError('A rejoin from a backup needs the stanza and the steps that give the member access to the repository.');
    return [
      passfileStep(cluster, member, secret),
      ...backupAccess,
      stopStep(member, 'the restore of the latest backup needs the server stopped', cluster.major),
      keepWalStep(cluster, member, upstream, stamp, 'the restore from the latest backup'),
      restoreStandbyStep(cluster, member, upstream, params.stanza),
      configureStandbyStep(cluster, member, upstream),
      restoreUnitsStep(member),
      startStandbyStep(cluster, member, upstream),
      finishRejoinStep(cluster, member, upstream, recorder),
      finishStep(`${member.name} rejoined`, { requestedAtMs: params.requestedAtMs }, { event: 'rejoin', summary: `${member.name} was restored from the latest backup and rejoined ${cluster.name} as a standby of ${upstream.name}.` }, recorder),
    ];
  }
  if (params.mode === 'rebuild') {
    return [
      passfileStep(cluster, member, secret),
      stopStep(member, 'the data directory is moved aside and replaced by a copy of the primary'),
      rebuildStep(cluster, member, upstream, stamp),
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
    stopStep(member, 'pg_rewind needs the target server stopped cleanly', cluster.major),
    keepWalStep(cluster, member, upstream, stamp),
    rewindStep(cluster, member, upstream),
    configureStandbyStep(cluster, member, upstream),
    restoreUnitsStep(member),
    startStandbyStep(cluster, member, upstream),
    finishRejoinStep(cluster, member, upstream, recorder),
    finishStep(`${member.name} rejoined`, { requestedAtMs: params.requestedAtMs }, { event: 'rejoin', summary: `${member.name} rejoined ${cluster.name} as a standby of ${upstream.name}.` }, recorder),
  ];
}
