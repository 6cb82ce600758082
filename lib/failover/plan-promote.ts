import type { Step } from '@/lib/replication/engine/types';
import { laterLsn } from './lsn';
import type { FailoverCluster, FailoverMember, FailoverRecorder, RoutingHook } from './plan-types';
import { fenceStep } from './steps/fence';
import { promoteStep, type PromoteFigures } from './steps/promote';
import { finishStep, topologyStep } from './steps/record';
import { routingHooksStep } from './steps/routing-hooks';
import { repointStep } from './steps/repoint';

/** What a promote operation stores as its params (no secrets). */
export interface PromoteParams {
  readonly candidate: string;
  readonly oldPrimary: string | null;
  readonly fence: 'stop' | 'acknowledged';
  readonly requestedAtMs: number;
  /** The assessment's reference LSN: the last known primary position. */
  readonly referenceLsn: string | null;
  readonly overrideBytes: number | null;
  /** Replicas ahead of the candidate: not re-pointed (they cannot follow its timeline), to be rejoined. */
  readonly needRejoin?: readonly string[];
  readonly members: readonly FailoverMember[];
  readonly token: string;
  readonly reason: string;
}

export interface PromotePlanInput {
  readonly cluster: FailoverCluster;
  readonly params: PromoteParams;
  readonly hooks: readonly RoutingHook[];
}

/**
 * The promote operation's steps: fence the old primary, promote the candidate and prove
 * it takes writes, record the topology, run routing hooks, re-point every other reachable
 * replica, measure and notify. Pure: the same input gives the same steps (so a resume
 * matches); figures are shared between the steps of one run.
 */
export function planPromote(input: PromotePlanInput, recorder: FailoverRecorder): Step[] {
  const { params, cluster } = input;
  const byName = (name: string | null) => params.members.find((member) => member.name === name) ?? null;
  const candidate = byName(params.candidate);
  if (!candidate) throw new Error(`${params.candidate} is not a member of cluster ${cluster.name}.`);
  const oldPrimary = byName(params.oldPrimary);
  const figures: PromoteFigures = { requestedAtMs: params.requestedAtMs, lastPrimaryLsn: params.referenceLsn, candidateLsn: null, writesStoppedAtMs: null };
  const raise = (lsn: string) => {
    figures.lastPrimaryLsn = laterLsn(figures.lastPrimaryLsn, lsn);
  };
  const ahead = params.needRejoin ?? [];
  const rejoinNote = ahead.length > 0 ? ` ${ahead.join(' and ')} ${ahead.length === 1 ? 'was' : 'were'} ahead of ${candidate.name} and cannot follow it: rejoin ${ahead.length === 1 ? 'it' : 'them'} (pg_rewind).` : '';
  const others = params.members.filter((member) => member.name !== candidate.name && member.name !== oldPrimary?.name);
  return [
    ...(oldPrimary ? [fenceStep({ member: oldPrimary, major: cluster.major, mode: params.fence, reason: `Promote of ${candidate.name}: ${params.reason}`, onLastLsn: raise }, recorder)] : []),
    promoteStep({ candidate, figures, token: params.token }, recorder),
    topologyStep(candidate.name, recorder),
    ...(input.hooks.length > 0 ? [routingHooksStep(input.hooks)] : []),
    ...others.map((member) => repointStep(cluster, member, candidate)),
    finishStep(`${candidate.name} promoted`, figures, { event: 'promote', summary: `${candidate.name} was promoted to primary of ${cluster.name}${oldPrimary ? `; ${oldPrimary.name} is fenced` : ''}.${rejoinNote}` }, recorder),
  ];
}
