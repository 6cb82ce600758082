/** Response headers of a server-sent event stream: never cached, never buffered by a proxy. */
export const EVENT_STREAM_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-store, no-transform',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
} as const;

export interface EventStreamOptions {
  readonly signal: AbortSignal;
  readonly keepAliveMs?: number;
}

/**
 * A server-sent event stream around `open`, which gets a `write` for raw event text and returns
 * its cleanup (unsubscribe, clear timers). Tells the browser to retry after 3 s, sends a
 * comment line every `keepAliveMs` so proxies keep an idle stream open, and ends (cleaned up
 * once) when `signal` aborts or the reader cancels; writes after that are dropped.
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
      stop = () => {
        if (closed) return;
        closed = true;
        clearInterval(keepAlive);
        cleanup();
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
