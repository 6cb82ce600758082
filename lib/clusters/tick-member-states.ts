import type { ClusterTick, PolledTick } from '@/lib/monitor/types';
import type { MemberState } from './member-state';
import { isTickFresh } from './topology-source';

/**
 * Each member's state as the poller's tick saw it (reachable, in recovery, the replica's WAL
 * receiver), so the cluster page need not open SSH and psql to every member while the
 * poller already holds these facts. Null when the tick is missing or stale (see
 * isTickFresh), or does not cover every member. Pure.
 */
export function memberStatesFromTick(polled: PolledTick | undefined, hostIds: readonly number[], now: number): Map<number, MemberState> | null {
  if (!isTickFresh(polled, now)) return null;
  const { tick } = polled;
  const members = new Map(tick.members.map((member) => [member.hostId, member]));
  if (hostIds.some((id) => !members.has(id))) return null;
  const receivers = new Map(tick.replicas.map((sample) => [sample.hostId, sample.receiverStatus]));
  return new Map(hostIds.map((id): [number, MemberState] => {
    const member = members.get(id)!;
    if (!member.reachable) return [id, { reachable: false, error: member.error ?? 'did not answer' }];
    return [id, { reachable: true, inRecovery: member.inRecovery ?? false, receiver: receivers.get(id) ?? null }];
  }));
}

/**
 * What the topology, the incident banner and the two-primaries warning show of a tick, as a
 * string: equal strings, nothing on those panels changed. Leaves out times, lags and error
 * wording, which change every tick, so an open page refreshes on a change of state only. Pure.
 */
export function topologySignature(tick: ClusterTick): string {
  const receivers = new Map(tick.replicas.map((sample) => [sample.hostId, sample.receiverStatus]));
  const members = [...tick.members]
    .sort((a, b) => a.hostId - b.hostId)
    .map((member) => `${member.hostId}:${member.reachable ? `up:${member.inRecovery ? 'standby' : 'writable'}:${receivers.get(member.hostId) ?? '-'}` : 'down'}`);
  return `${tick.recordedPrimaryHostId ?? '-'}|${members.join(',')}`;
}
