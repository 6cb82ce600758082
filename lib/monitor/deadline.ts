/** Per-host deadline for an interval: a dead host costs at most this per tick, for the connect and again for the queries. */
export function hostDeadlineFor(intervalMs: number): number {
  return Math.min(5_000, Math.max(2_000, intervalMs));
}

/**
 * The longest a cluster's ticks are apart while the poller runs: the poll interval, or a tick
 * waiting out a dead host's connect and query deadlines (the next tick starts only after it).
 */
export function tickSpacingMs(intervalMs: number): number {
  return Math.max(intervalMs, 2 * hostDeadlineFor(intervalMs));
}
