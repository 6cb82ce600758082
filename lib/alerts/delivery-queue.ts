import 'server-only';
import { env } from '@/lib/config/env';
import { pruneWebhookDeliveries, recordWebhookDelivery, type DeliveryRecord, type WebhookTarget } from '@/lib/db/webhooks';
import { webhookBody, type Notification } from './notification';

export interface QueueOptions {
  /** Per attempt, from connect to the response status. */
  readonly timeoutMs: number;
  /** Waits before each retry; their count is the number of retries. */
  readonly retryDelaysMs: readonly number[];
  /** Deliveries waiting per webhook beyond which the oldest new ones are dropped (logged). */
  readonly maxQueuedPerWebhook: number;
}

export const DEFAULT_QUEUE_OPTIONS: QueueOptions = { timeoutMs: 5_000, retryDelaysMs: [1_000, 5_000, 25_000], maxQueuedPerWebhook: 100 };

export interface AttemptResult {
  readonly ok: boolean;
  readonly httpStatus: number | null;
  readonly error: string | null;
  readonly durationMs: number;
}

const KEEP_LOG_MS = 30 * 24 * 3_600_000;
const PRUNE_EVERY_MS = 3_600_000;

interface Queue {
  options: QueueOptions;
  prunedAt: number;
  lanes: Map<number, { tail: Promise<unknown>; waiting: number }>;
  inFlight: Set<Promise<unknown>>;
}

const KEY = Symbol.for('tandem.webhook-queue');

function queue(): Queue {
  const holder = globalThis as { [KEY]?: Queue };
  holder[KEY] ??= { options: DEFAULT_QUEUE_OPTIONS, prunedAt: 0, lanes: new Map(), inFlight: new Set() };
  return holder[KEY];
}

/** Changes timeouts and retry waits (tests use short ones); applies to deliveries queued afterwards. */
export function configureWebhookQueue(options: Partial<QueueOptions>): void {
  queue().options = { ...queue().options, ...options };
}

/** Tracks background work so tests and shutdown can wait for it. */
export function track<T>(work: Promise<T>): Promise<T> {
  const { inFlight } = queue();
  inFlight.add(work);
  void work.finally(() => inFlight.delete(work)).catch(() => undefined);
  return work;
}

/** Resolves once every queued delivery (and every pending notify) has finished. */
export async function webhooksIdle(): Promise<void> {
  while (queue().inFlight.size > 0) await Promise.allSettled([...queue().inFlight]);
}

function describeError(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return `No answer within ${timeoutMs / 1000} s`;
  const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
  if (cause?.code) return `Could not connect (${cause.code})`;
  return error instanceof Error ? error.message : String(error);
}

/** One POST with its own deadline; never throws. */
export async function attemptDelivery(url: string, body: string, timeoutMs: number): Promise<AttemptResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Tandem' },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel().catch(() => undefined);
    const ok = response.status >= 200 && response.status < 300;
    return { ok, httpStatus: response.status, error: ok ? null : `HTTP ${response.status}`, durationMs: elapsed() };
  } catch (error) {
    return { ok: false, httpStatus: null, error: describeError(error, timeoutMs), durationMs: elapsed() };
  }
}

/** Logs one attempt (a logging failure never fails the delivery) and keeps the log to 30 days. */
async function logAttempt(record: DeliveryRecord): Promise<void> {
  try {
    await recordWebhookDelivery(record);
    const state = queue();
    if (Date.now() - state.prunedAt > PRUNE_EVERY_MS) {
      state.prunedAt = Date.now();
      await pruneWebhookDeliveries(new Date(Date.now() - KEEP_LOG_MS));
    }
  } catch (error) {
    console.error('[tandem] could not record a webhook delivery', error);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function deliver(target: WebhookTarget, notification: Notification, retries: readonly number[], timeoutMs: number): Promise<AttemptResult> {
  const body = webhookBody(target.format, notification, env().TANDEM_URL);
  let result: AttemptResult = { ok: false, httpStatus: null, error: 'Not attempted', durationMs: 0 };
  for (let attempt = 1; attempt <= retries.length + 1; attempt += 1) {
    result = await attemptDelivery(target.url, body, timeoutMs);
    await logAttempt({ webhookId: target.id, alertEventId: notification.alertEventId ?? null, event: notification.event, attempt, ...result });
    if (result.ok) return result;
    const wait = retries[attempt - 1];
    if (wait !== undefined) await sleep(wait);
  }
  return result;
}

/**
 * Queues one notification for one webhook and returns at once with a promise of the final
 * attempt. Each webhook has its own lane (its notifications stay in order), lanes run
 * independently, so a slow or dead webhook delays nothing but itself. Every attempt is
 * logged in WebhookDelivery. `retry: false` makes one attempt (the "send test" button).
 */
export function enqueueDelivery(target: WebhookTarget, notification: Notification, options: { retry?: boolean } = {}): Promise<AttemptResult> {
  const state = queue();
  const { timeoutMs, retryDelaysMs, maxQueuedPerWebhook } = state.options;
  const lane = state.lanes.get(target.id) ?? { tail: Promise.resolve(), waiting: 0 };
  state.lanes.set(target.id, lane);
  if (lane.waiting >= maxQueuedPerWebhook) {
    const dropped: AttemptResult = { ok: false, httpStatus: null, error: `Dropped: ${maxQueuedPerWebhook} deliveries already waiting for this webhook`, durationMs: 0 };
    return track(logAttempt({ webhookId: target.id, alertEventId: notification.alertEventId ?? null, event: notification.event, attempt: 0, ...dropped }).then(() => dropped));
  }
  lane.waiting += 1;
  const run = lane.tail.then(() => deliver(target, notification, options.retry === false ? [] : retryDelaysMs, timeoutMs));
  lane.tail = run.finally(() => {
    lane.waiting -= 1;
  });
  return track(run);
}
