import 'server-only';
import { env } from '@/lib/config/env';
import { pruneWebhookDeliveries, readWebhookAllowList, recordWebhookDelivery, type DeliveryRecord, type WebhookTarget } from '@/lib/db/webhooks';
import { createDeliveryLane, type AttemptResult, type DeliveryLane } from './delivery-lane';
import { webhookBody, type Notification } from './notification';
import { postWebhook } from './webhook-post';

export type { AttemptResult } from './delivery-lane';

export interface QueueOptions {
  /** Per attempt, from resolving the host to the response status. */
  readonly timeoutMs: number;
  /** Waits before each retry; their count is the number of retries. */
  readonly retryDelaysMs: readonly number[];
  /** Deliveries waiting per webhook beyond which new ones are dropped (logged). */
  readonly maxQueuedPerWebhook: number;
  /** Attempts in flight at once per webhook (one of them kept for critical events). */
  readonly maxInFlightPerWebhook: number;
}

export const DEFAULT_QUEUE_OPTIONS: QueueOptions = { timeoutMs: 5_000, retryDelaysMs: [1_000, 5_000, 25_000], maxQueuedPerWebhook: 100, maxInFlightPerWebhook: 4 };

const KEEP_LOG_MS = 30 * 24 * 3_600_000;
const PRUNE_EVERY_MS = 3_600_000;

interface Queue {
  options: QueueOptions;
  prunedAt: number;
  lanes: Map<number, DeliveryLane>;
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

function laneFor(webhookId: number): DeliveryLane {
  const state = queue();
  let lane = state.lanes.get(webhookId);
  if (!lane) {
    lane = createDeliveryLane(
      (notification, attempt, { ok, httpStatus, error, durationMs }) => logAttempt({ webhookId, alertEventId: notification.alertEventId ?? null, event: notification.event, attempt, ok, httpStatus, error, durationMs }),
      () => ({ maxInFlight: queue().options.maxInFlightPerWebhook, maxQueued: queue().options.maxQueuedPerWebhook }),
    );
    state.lanes.set(webhookId, lane);
  }
  return lane;
}

/**
 * Queues one notification for one webhook and returns at once with a promise of the final
 * attempt. Each webhook has its own lane, lanes run independently, and within a lane a few
 * attempts run at once (critical events first, retries after first attempts), so neither a
 * dead webhook nor one slow delivery holds up the next event by more than an attempt timeout.
 * Every attempt is logged in WebhookDelivery, and so is a delivery dropped or superseded by
 * its alert's resolution. `retry: false` makes one attempt (the "send test" button).
 */
export function enqueueDelivery(target: WebhookTarget, notification: Notification, options: { retry?: boolean } = {}): Promise<AttemptResult> {
  const { timeoutMs, retryDelaysMs } = queue().options;
  const body = webhookBody(target.format, notification, env().TANDEM_URL);
  return track(
    laneFor(target.id).enqueue({
      notification,
      retryDelaysMs: options.retry === false ? [] : retryDelaysMs,
      send: () => postWebhook(target.url, body, { timeoutMs, allowList: readWebhookAllowList }),
    }),
  );
}
