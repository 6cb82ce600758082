/** Poll failures per cluster id since the poller started (a counter: it only grows until restart). */
export type PollErrorCounts = ReadonlyMap<number, number>;

type Source = () => PollErrorCounts;
const KEY = Symbol.for('tandem.metrics.poll-errors');

/**
 * The poller registers how to read its error counts (e.g. `registerPollErrorSource(pollErrorCounts)`);
 * /api/metrics exports them as `tandem_poll_errors_total{cluster}`. Only the instance that polls
 * has them; without a source the metric is left out rather than reported as zero.
 */
export function registerPollErrorSource(source: Source | null): void {
  (globalThis as { [KEY]?: Source | null })[KEY] = source;
}

export function readPollErrors(): PollErrorCounts | null {
  const source = (globalThis as { [KEY]?: Source | null })[KEY];
  if (!source) return null;
  try {
    return source();
  } catch (error) {
    console.error('[tandem] poll error counts unavailable', error);
    return null;
  }
}
