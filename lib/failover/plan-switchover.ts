import type { Step } from '@/lib/replication/engine/types';
import type { FailoverCluster, FailoverMember, FailoverRecorder, RoutingHook } from './plan-types';
import { promoteStep } from './steps/promote';
import { finishStep, topologyStep } from './steps/record';
import { routingHooksStep } from './steps/routing-hooks';
import { repointStep } from './steps/repoint';
import { configureStandbyStep, passfileStep, standbySlot, startStandbyStep, type ReplicationSecret } from './steps/standby';
import { caughtUpStep, cleanStopStep, replayedCheckpointStep, type SwitchoverFigures } from './steps/switchover';

/** What a switchover (or one leg of a drill) stores (no secrets). */
export interface SwitchoverParams {
  readonly candidate: string;
  readonly primary: string;
  readonly requestedAtMs: number;
  readonly members: readonly FailoverMember[];
  readonly token: string;
  /** Largest replay lag accepted before the primary is stopped. */
  readonly maxLagBytes: number;
}

/**
 * Planned switchover with zero loss: the candidate must stream and be caught up; the old
 * primary gets its passfile, then stops cleanly (fast shutdown: walsenders send all WAL
 * and the shutdown checkpoint first) and is configured at once as a standby of the
 * candidate (standby.signal, so it can never come back as a primary); the candidate must
 * replay past the shutdown checkpoint before pg_promote; then topology, routing hooks, the
 * old primary started as a standby, the others re-pointed. Records writeGapMs (stop began
 * → canary commit on the new primary), RTO and RPO (0 when the checkpoint was replayed).
 */
export function planSwitchover(cluster: FailoverCluster, params: SwitchoverParams, hooks: readonly RoutingHook[], recorder: FailoverRecorder, secret: () => Promise<ReplicationSecret>, shared?: SwitchoverFigures): Step[] {
  const byName = (name: string) => {
    const found = params.members.find((member) => member.name === name);
    if (!found) throw new Error(`${name} is not a member of cluster ${cluster.name}.`);
    return found;
  };
  const candidate = byName(params.candidate);
  const primary = byName(params.primary);
  const others = params.members.filter((member) => member.name !== candidate.name && member.name !== primary.name);
  const figures: SwitchoverFigures = shared ?? { requestedAtMs: params.requestedAtMs, lastPrimaryLsn: null, candidateLsn: null, writesStoppedAtMs: null, shutdownCheckpointLsn: null };
  return [
    caughtUpStep(candidate, primary, params.maxLagBytes),
    passfileStep(cluster, primary, secret),
    cleanStopStep(primary, cluster.major, figures),
    configureStandbyStep(cluster, primary, candidate),
    replayedCheckpointStep(candidate, figures),
    promoteStep({ candidate, figures, token: params.token }, recorder),
    topologyStep(candidate.name, recorder),
    ...(hooks.length > 0 ? [routingHooksStep(hooks)] : []),
    startStandbyStep(cluster, primary, candidate),
    ...others.map((member) => repointStep(cluster, member, candidate)),
    finishStep(`switched over to ${candidate.name}`, figures, { event: 'switchover', summary: `Switched over ${cluster.name} from ${primary.name} to ${candidate.name}; ${primary.name} streams from ${candidate.name}.` }, recorder,
      () => recorder.clearFence(primary.name, standbySlot(cluster, primary))),
  ];
}
