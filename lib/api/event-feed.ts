import { z } from 'zod';
import { eventStream, type EventStreamOptions } from '@/lib/server/event-stream';

/** How far back each read looks past the previous one, so a change written just before a read is not missed between two. */
const OVERLAP_MS = 60_000;

/** One thing the feed sends, keyed by what it is about; a key's `signature` changes when there is news of it. */
export interface FeedItem {
  readonly event: 'operation' | 'alert';
  readonly key: string;
  readonly signature: string;
  readonly data: unknown;
}

export interface EventFeedSource {
  /** Operations and alerts changed since `since` (epoch ms), and operations active now. */
  readonly read: (since: number) => Promise<readonly FeedItem[]>;
  /** Alert openings and resolutions in this process, so they are read at once rather than at the next tail. */
  readonly subscribeAlerts: (listener: () => void) => () => void;
  readonly now: () => number;
}

export interface EventFeedOptions extends EventStreamOptions {
  readonly tailEveryMs?: number;
}

/**
 * A server-sent event stream of operation progress (`event: operation`) and alert changes
 * (`event: alert`), as JSON. On connect it sends every active operation, then each item
 * whose signature changed since it was last sent (a step started, progress moved, an alert
 * opened, was acknowledged or resolved), read from the database every `tailEveryMs` and at
 * once on an alert change in this process, so it works whichever instance runs or polls.
 */
export function apiEventFeed(source: EventFeedSource, options: EventFeedOptions): ReadableStream<Uint8Array> {
  let sent = new Map<string, string>();
  let since = source.now();
  let reading = false;
  let again = false;

  return eventStream(options, (write) => {
    const tail = () => {
      if (reading) {
        again = true;
        return;
      }
      reading = true;
      const readAt = source.now();
      source
        .read(since - OVERLAP_MS)
        .then((items) => {
          const seen = new Map<string, string>();
          for (const item of items) {
            const id = `${item.event}:${item.key}`;
            seen.set(id, item.signature);
            if (sent.get(id) !== item.signature) write(`event: ${item.event}\ndata: ${JSON.stringify(item.data)}\n\n`);
          }
          // What the window no longer holds cannot come back unchanged: forgetting it keeps the map small.
          sent = seen;
          since = readAt;
        }, (error: unknown) => console.error('[tandem] api event feed read failed', error))
        .finally(() => {
          reading = false;
          if (again) {
            again = false;
            tail();
          }
        });
    };
    const unsubscribe = source.subscribeAlerts(tail);
    tail();
    const timer = setInterval(tail, options.tailEveryMs ?? 2000);
    return () => {
      clearInterval(timer);
      unsubscribe();
    };
  });
}

/** What `event: operation` carries: the operation's summary and its steps' states, never commands or output. */
export const operationEventSchema = z.object({
  id: z.number().int(), kind: z.string(), status: z.string(), cluster: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  requestedBy: z.string(), reason: z.string(), outcome: z.string().nullable(), createdAt: z.string(), startedAt: z.string().nullable(), finishedAt: z.string().nullable(),
  steps: z.array(z.object({ position: z.number().int(), name: z.string(), host: z.string().nullable(), status: z.string(), outcome: z.string().nullable(), progress: z.object({ done: z.number(), total: z.number().nullable(), unit: z.string() }).nullable() })),
}).meta({ id: 'OperationEvent' });
