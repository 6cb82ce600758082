import type { ClusterTick } from '@/lib/monitor/types';
import { eventStream, type EventStreamOptions } from '@/lib/server/event-stream';
import type { LagPoint } from './types';

export interface LagStreamSource {
  /** Points of this cluster's ticks as the poller publishes them (only in the instance that polls). */
  readonly subscribe: (listener: (points: readonly LagPoint[]) => void) => () => void;
  /** Stored points newer than `after` (epoch ms), oldest first. */
  readonly readAfter: (after: number) => Promise<readonly LagPoint[]>;
  readonly now: () => number;
}

export interface LagStreamOptions extends EventStreamOptions {
  /** Points at or before this time are not sent (the client's newest point). */
  readonly after: number;
  readonly tailEveryMs?: number;
  /** Without a bus tick for this long, the stream reads new rows from the database instead. */
  readonly busSilenceMs?: number;
}

/** The replica samples of one tick, as chart points. */
export function tickPoints(tick: ClusterTick): LagPoint[] {
  return tick.replicas.map((sample) => ({
    at: sample.at.getTime(),
    hostId: sample.hostId,
    status: sample.status,
    writeBytes: sample.writeBytes,
    flushBytes: sample.flushBytes,
    replayBytes: sample.replayBytes,
    writeLagMs: sample.writeLagMs,
    flushLagMs: sample.flushLagMs,
    replayLagMs: sample.replayLagMs,
    heartbeatLagMs: sample.heartbeatLagMs,
  }));
}

/**
 * A server-sent event stream of a cluster's new lag points: each published tick as it comes,
 * and, when no tick arrived for `busSilenceMs` (another app instance polls, or the bus is
 * quiet), the rows stored since the last point sent, read every `tailEveryMs`. Points are sent
 * once, in time order (`event: samples`, `id:` the newest time, for reconnects). A comment line
 * keeps proxies from closing an idle stream. Ends, unsubscribed, when `signal` aborts or the
 * reader cancels.
 */
export function lagEventStream(source: LagStreamSource, options: LagStreamOptions): ReadableStream<Uint8Array> {
  const tailEveryMs = options.tailEveryMs ?? 1000;
  const busSilenceMs = options.busSilenceMs ?? 2000;
  let lastSent = options.after;
  let lastBus = Number.NEGATIVE_INFINITY;
  let reading = false;

  return eventStream(options, (write) => {
    const send = (points: readonly LagPoint[]) => {
      const fresh = points.filter((point) => point.at > lastSent);
      if (fresh.length === 0) return;
      lastSent = Math.max(...fresh.map((point) => point.at));
      write(`event: samples\nid: ${lastSent}\ndata: ${JSON.stringify(fresh)}\n\n`);
    };
    const unsubscribe = source.subscribe((points) => {
      lastBus = source.now();
      send(points);
    });
    const tail = setInterval(() => {
      if (reading || source.now() - lastBus < busSilenceMs) return;
      reading = true;
      source.readAfter(lastSent).then(send, (error: unknown) => console.error('[tandem] lag stream read failed', error)).finally(() => {
        reading = false;
      });
    }, tailEveryMs);
    return () => {
      clearInterval(tail);
      unsubscribe();
    };
  });
}
