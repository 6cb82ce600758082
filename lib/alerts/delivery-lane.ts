import { supersedes, type Notification } from './notification';

export interface AttemptResult {
  readonly ok: boolean;
  readonly httpStatus: number | null;
  readonly error: string | null;
  readonly durationMs: number;
  /** Retrying cannot change the outcome (Tandem refused the destination itself): no retry follows. */
  readonly final?: boolean;
}

/** What the scheduler looks at to choose the next delivery. */
export interface Slot {
  readonly critical: boolean;
  /** 1 for the first attempt, more for a retry. */
  readonly attempt: number;
  /** Enqueue order. */
  readonly seq: number;
}

const reserved = (slot: Slot): boolean => slot.critical && slot.attempt === 1;
const rank = (slot: Slot): number => (slot.critical ? 0 : 2) + (slot.attempt === 1 ? 0 : 1);
const byPriority = (a: Slot, b: Slot): number => rank(a) - rank(b) || a.seq - b.seq;

/**
 * Which waiting delivery starts now, if any may. Critical events go before the rest, a first
 * attempt before a retry (a retry repeats old news; a first attempt may be the news), then
 * the oldest. One of the `maxInFlight` slots is kept for critical first attempts, so a
 * critical event never waits behind a hanging receiver's warnings or retries.
 */
export function nextToStart<T extends Slot>(ready: readonly T[], running: readonly Slot[], maxInFlight: number): T | undefined {
  if (running.length >= maxInFlight) return undefined;
  const others = running.filter((slot) => !reserved(slot)).length;
  const otherSlots = Math.max(1, maxInFlight - 1);
  return [...ready].sort(byPriority).find((slot) => reserved(slot) || others < otherSlots);
}

export interface LaneDelivery {
  readonly notification: Notification;
  /** Waits before each retry; their count is the number of retries. */
  readonly retryDelaysMs: readonly number[];
  /** One attempt with its own deadline; must never reject. */
  readonly send: () => Promise<AttemptResult>;
}

export interface LaneLimits {
  /** Attempts in flight at once to this webhook. */
  readonly maxInFlight: number;
  /** Deliveries waiting (queued or between retries) beyond which new ones are dropped. */
  readonly maxQueued: number;
}

/** Logs one attempt; attempt 0 records a delivery never sent (dropped or superseded). Must never reject. */
export type RecordAttempt = (notification: Notification, attempt: number, result: AttemptResult) => Promise<void>;

export interface DeliveryLane {
  /** Queues a delivery; resolves with its last attempt (or why it was never sent). */
  readonly enqueue: (delivery: LaneDelivery) => Promise<AttemptResult>;
}

interface Job extends Slot {
  readonly delivery: LaneDelivery;
  readonly critical: boolean;
  readonly seq: number;
  attempt: number;
  state: 'ready' | 'between-retries' | 'sending' | 'recording';
  superseded: boolean;
  timer?: ReturnType<typeof setTimeout>;
  readonly settle: (result: AttemptResult) => void;
}

const notSent = (error: string): AttemptResult => ({ ok: false, httpStatus: null, error, durationMs: 0 });
const SUPERSEDED = 'Superseded: the alert resolved before this was delivered';

/**
 * One webhook's deliveries: up to `maxInFlight` attempts at once, chosen by `nextToStart`,
 * and a delivery waiting for its retry holds no slot, so one hanging receiver costs each
 * event at most an attempt timeout, not everyone's retries. An `alert.resolved` supersedes
 * its alert's `alert.opened` or `alert.acknowledged` still waiting: that one is not sent
 * (or not retried), and the log says so.
 */
export function createDeliveryLane(record: RecordAttempt, limits: () => LaneLimits): DeliveryLane {
  const jobs = new Set<Job>();
  let seq = 0;

  const inState = (state: Job['state']) => [...jobs].filter((job) => job.state === state);

  async function finishUnsent(job: Job, error: string): Promise<void> {
    const result = notSent(error);
    await record(job.delivery.notification, 0, result);
    job.settle(result);
  }

  const next = () => nextToStart(inState('ready'), inState('sending'), limits().maxInFlight);

  function pump(): void {
    for (let job = next(); job; job = next()) {
      job.state = 'sending';
      void run(job);
    }
  }

  async function run(job: Job): Promise<void> {
    const result = await job.delivery.send();
    job.state = 'recording';
    pump();
    await record(job.delivery.notification, job.attempt, result);
    const wait = job.delivery.retryDelaysMs[job.attempt - 1];
    if (result.ok || result.final || wait === undefined) return job.settle(result);
    if (job.superseded) return finishUnsent(job, SUPERSEDED);
    job.attempt += 1;
    job.state = 'between-retries';
    job.timer = setTimeout(() => {
      job.state = 'ready';
      pump();
    }, wait);
  }

  function supersede(notification: Notification): void {
    for (const job of jobs) {
      if (!supersedes(notification, job.delivery.notification)) continue;
      if (job.state === 'sending' || job.state === 'recording') {
        job.superseded = true;
        continue;
      }
      clearTimeout(job.timer);
      jobs.delete(job);
      void finishUnsent(job, SUPERSEDED);
    }
  }

  function enqueue(delivery: LaneDelivery): Promise<AttemptResult> {
    supersede(delivery.notification);
    return new Promise<AttemptResult>((resolve) => {
      seq += 1;
      const job: Job = {
        delivery,
        critical: delivery.notification.severity === 'critical',
        seq,
        attempt: 1,
        state: 'ready',
        superseded: false,
        settle: (result) => {
          jobs.delete(job);
          resolve(result);
        },
      };
      const { maxQueued } = limits();
      if (inState('ready').length + inState('between-retries').length >= maxQueued) {
        void finishUnsent(job, `Dropped: ${maxQueued} deliveries already waiting for this webhook`);
        return;
      }
      jobs.add(job);
      pump();
    });
  }

  return { enqueue };
}
