/** Response headers of a server-sent event stream: never cached, never buffered by a proxy. */
export const EVENT_STREAM_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-store, no-transform',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
} as const;

/** What keeps a stream open only while its reader may still read it (see lib/server/stream-lease.ts). */
export interface StreamLease {
  /** Null while the stream may go on, otherwise the one sentence saying why it ends. */
  readonly recheck: () => Promise<string | null>;
  readonly recheckEveryMs: number;
  /** Called once when the stream ends, however it ends. */
  readonly release: () => void;
}

export interface EventStreamOptions {
  readonly signal: AbortSignal;
  readonly keepAliveMs?: number;
  readonly lease?: StreamLease;
}

const RECHECK_FAILED = 'Tandem could not check your session; reload the page.';

/**
 * A server-sent event stream around `open`, which gets a `write` for raw event text and returns
 * its cleanup (unsubscribe, clear timers). Tells the browser to retry after 3 s, sends a
 * comment line every `keepAliveMs` so proxies keep an idle stream open, and ends (cleaned up
 * once) when `signal` aborts or the reader cancels; writes after that are dropped. With a
 * `lease`, it is re-checked every `recheckEveryMs`: when it no longer holds (or the check
 * fails) the stream sends `event: closed` with the reason (`{"reason":"…"}`) and ends; the
 * lease is released once, whichever way the stream ends.
 */
export function eventStream(options: EventStreamOptions, open: (write: (text: string) => void) => () => void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let stop = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const write = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const cleanup = open(write);
      const keepAlive = setInterval(() => write(': keep-alive\n\n'), options.keepAliveMs ?? 15_000);
      const { lease } = options;
      let checking = false;
      const endWith = (reason: string) => {
        write(`event: closed\ndata: ${JSON.stringify({ reason })}\n\n`);
        stop();
      };
      const recheck = lease && setInterval(() => {
        if (checking || closed) return;
        checking = true;
        lease.recheck().then((reason) => reason !== null && endWith(reason), () => endWith(RECHECK_FAILED)).finally(() => {
          checking = false;
        });
      }, lease.recheckEveryMs);
      stop = () => {
        if (closed) return;
        closed = true;
        clearInterval(keepAlive);
        clearInterval(recheck);
        cleanup();
        lease?.release();
        options.signal.removeEventListener('abort', stop);
        try {
          controller.close();
        } catch {
          /* already closed by the reader */
        }
      };
      if (options.signal.aborted) return stop();
      options.signal.addEventListener('abort', stop);
      write('retry: 3000\n: connected\n\n');
    },
    cancel() {
      stop();
    },
  });
}
