import { tickSpacingMs } from '@/lib/monitor/deadline';
import type { PolledTick } from '@/lib/monitor/types';

/** A tick stays current for this many tick spacings: a late tick or two keeps it, a stopped poller does not. */
const FRESH_TICKS = 3;

/** Where the topology's states came from, for the page to say: the poller's tick (and how old it was), or the members just now. */
export type TopologySource = { readonly kind: 'monitor'; readonly ageMs: number } | { readonly kind: 'direct' };

/**
 * How long a tick describes the members "now": three tick spacings, where a spacing is the
 * poll interval or, while a host does not answer, the deadlines a tick waits out for it
 * (so a dead host, when the topology matters most, does not make every render probe).
 */
export function tickFreshForMs(pollIntervalMs: number): number {
  return FRESH_TICKS * tickSpacingMs(pollIntervalMs);
}

/** True when the poller's latest tick is recent enough to show instead of asking the members. Pure. */
export function isTickFresh(polled: PolledTick | undefined, now: number): polled is PolledTick {
  return polled !== undefined && now - polled.tick.at.getTime() <= tickFreshForMs(polled.pollIntervalMs);
}

/** "from the monitor, 4 s ago" or "read directly just now", for under the topology. Pure. */
export function describeTopologySource(source: TopologySource): string {
  if (source.kind === 'direct') return 'read directly just now';
  const seconds = Math.max(0, Math.round(source.ageMs / 1000));
  return `from the monitor, ${seconds} s ago`;
}
