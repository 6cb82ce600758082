/** Poll failures per host since the poller started (a counter: it only grows until restart). */
export interface PollErrorCount {
  readonly clusterName: string;
  readonly hostName: string;
  readonly count: number;
}

type Source = () => readonly PollErrorCount[];
const KEY = Symbol.for('tandem.metrics.poll-errors');

/**
 * The poller registers how to read its error counts; /api/metrics exports them as
 * `tandem_poll_errors_total`. Only the instance that polls has them; without a source the
 * metric is left out rather than reported as zero.
 */
export function registerPollErrorSource(source: Source | null): void {
  const holder = globalThis as { [KEY]?: Source | null };
  holder[KEY] = source;
}

export function readPollErrors(): readonly PollErrorCount[] | null {
  const source = (globalThis as { [KEY]?: Source | null })[KEY];
  if (!source) return null;
  try {
    return source();
  } catch (error) {
    console.error('[tandem] poll error counts unavailable', error);
    return null;
  }
}
