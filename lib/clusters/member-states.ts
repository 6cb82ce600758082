import 'server-only';
import { cache } from 'react';
import { readHostStatus } from '@/lib/members/read-status';
import { latestClusterTicks } from '@/lib/monitor/poller';
import { memberStateOf, type MemberState } from './member-state';
import { memberStatesFromTick } from './tick-member-states';
import type { TopologySource } from './topology-source';

export type { MemberState } from './member-state';

const READ_TIMEOUT_MS = 5_000;

/** One member's state, read once per page request: the topology and the failover forms share it. */
const readMemberState = cache(async (id: number): Promise<MemberState> => memberStateOf(await readHostStatus(id, READ_TIMEOUT_MS)));

/**
 * Each member's role as PostgreSQL itself reports it now (in recovery or not, its WAL
 * receiver), read in parallel with a short timeout, so the topology never shows what a
 * stale record says. A host that does not answer says why.
 */
export async function readMemberStates(hostIds: number[]): Promise<Map<number, MemberState>> {
  return new Map(await Promise.all(hostIds.map(async (id): Promise<[number, MemberState]> => [id, await readMemberState(id)])));
}

/** The members' states and where they came from. */
export interface CurrentMemberStates {
  readonly states: Map<number, MemberState>;
  readonly source: TopologySource;
}

/**
 * The members' states for the cluster page: from the poller's latest tick when this instance
 * polls the cluster and the tick is fresh (no SSH or psql per render: the poller already
 * asked), else read from each member now.
 */
export async function currentMemberStates(clusterId: number, hostIds: number[]): Promise<CurrentMemberStates> {
  const polled = latestClusterTicks().get(clusterId);
  const now = Date.now();
  const fromTick = memberStatesFromTick(polled, hostIds, now);
  if (fromTick && polled) return { states: fromTick, source: { kind: 'monitor', ageMs: now - polled.tick.at.getTime() } };
  return { states: await readMemberStates(hostIds), source: { kind: 'direct' } };
}
