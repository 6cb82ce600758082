import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDeliveryLane, nextToStart, type AttemptResult, type Slot } from './delivery-lane';
import type { Notification } from './notification';

const slot = (seq: number, critical: boolean, attempt = 1): Slot => ({ seq, critical, attempt });

describe('nextToStart', () => {
  it('takes critical before the rest, first attempts before retries, then the oldest', () => {
    const ready = [slot(1, false, 2), slot(2, false), slot(3, true, 2), slot(4, true), slot(5, true)];
    const order: Slot[] = [];
    const left = [...ready];
    for (let next = nextToStart(left, [], 9); next; next = nextToStart(left, [], 9)) {
      order.push(next);
      left.splice(left.indexOf(next), 1);
    }
    expect(order.map((s) => s.seq)).toEqual([4, 5, 3, 2, 1]);
  });

  it('keeps the last free slot for a critical first attempt', () => {
    const running = [slot(1, false), slot(2, false, 3), slot(3, true, 2)];
    expect(nextToStart([slot(4, false)], running, 4)).toBeUndefined();
    expect(nextToStart([slot(4, false), slot(5, true)], running, 4)?.seq).toBe(5);
    expect(nextToStart([slot(6, true)], [...running, slot(5, true)], 4)).toBeUndefined();
  });

  it('lets any delivery use a single slot', () => {
    expect(nextToStart([slot(1, false)], [], 1)?.seq).toBe(1);
    expect(nextToStart([slot(2, true)], [slot(1, false)], 1)).toBeUndefined();
  });
});

const ok: AttemptResult = { ok: true, httpStatus: 200, error: null, durationMs: 1 };
const timedOut: AttemptResult = { ok: false, httpStatus: null, error: 'No answer within 5 s', durationMs: 5_000 };

interface Sent {
  readonly summary: string;
  readonly answer: (result: AttemptResult) => void;
}

/** A lane whose attempts wait until the test answers them, and whose log the test reads. */
function fakeLane(limits = { maxInFlight: 4, maxQueued: 100 }) {
  const sent: Sent[] = [];
  const log: { summary: string; attempt: number; error: string | null }[] = [];
  const lane = createDeliveryLane(
    async (notification, attempt, result) => {
      log.push({ summary: notification.summary, attempt, error: result.error });
    },
    () => limits,
  );
  const enqueue = (notification: Notification, retryDelaysMs: readonly number[] = [1_000, 5_000, 25_000]) =>
    lane.enqueue({ notification, retryDelaysMs, send: () => new Promise<AttemptResult>((answer) => sent.push({ summary: notification.summary, answer })) });
  const answer = async (summary: string, result: AttemptResult) => {
    const index = sent.findIndex((s) => s.summary === summary);
    const [one] = sent.splice(index, 1);
    one?.answer(result);
    await vi.advanceTimersByTimeAsync(0);
  };
  return { sent, log, enqueue, answer };
}

const cluster = { id: 1, name: 'main' };
const warning = (summary: string, alertEventId?: number): Notification => ({ event: 'alert.opened', severity: 'warning', cluster, summary, alertEventId });
const critical = (summary: string): Notification => ({ event: 'alert.opened', severity: 'critical', cluster, summary });

describe('a webhook delivery lane', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs three attempts at once and starts a critical event at once behind them', async () => {
    const lane = fakeLane();
    for (const n of [1, 2, 3, 4]) void lane.enqueue(warning(`w${n}`));
    await vi.advanceTimersByTimeAsync(0);
    expect(lane.sent.map((s) => s.summary)).toEqual(['w1', 'w2', 'w3']);
    void lane.enqueue(critical('c1'));
    await vi.advanceTimersByTimeAsync(0);
    expect(lane.sent.map((s) => s.summary)).toEqual(['w1', 'w2', 'w3', 'c1']);
  });

  it('holds no slot between retries: a new event goes first, the retry after its wait; every attempt is logged', async () => {
    const lane = fakeLane();
    const first = lane.enqueue(warning('w1'));
    for (const n of [2, 3]) void lane.enqueue(warning(`w${n}`));
    void lane.enqueue(warning('w4'));
    await vi.advanceTimersByTimeAsync(0);
    await lane.answer('w1', timedOut);
    expect(lane.sent.map((s) => s.summary)).toEqual(['w2', 'w3', 'w4']);
    await lane.answer('w4', ok);
    await vi.advanceTimersByTimeAsync(999);
    expect(lane.sent.map((s) => s.summary)).toEqual(['w2', 'w3']);
    await vi.advanceTimersByTimeAsync(1);
    expect(lane.sent.map((s) => s.summary)).toEqual(['w2', 'w3', 'w1']);
    await lane.answer('w1', ok);
    expect(await first).toEqual(ok);
    expect(lane.log).toEqual([
      { summary: 'w1', attempt: 1, error: 'No answer within 5 s' },
      { summary: 'w4', attempt: 1, error: null },
      { summary: 'w1', attempt: 2, error: null },
    ]);
  });

  it('drops a queued alert.opened once its alert.resolved arrives and logs it as superseded', async () => {
    const lane = fakeLane({ maxInFlight: 2, maxQueued: 100 });
    void lane.enqueue(warning('w1'));
    const opened = lane.enqueue(warning('pg2 lags', 42));
    const other = lane.enqueue(warning('pg3 lags', 43));
    await vi.advanceTimersByTimeAsync(0);
    expect(lane.sent.map((s) => s.summary)).toEqual(['w1']);
    void lane.enqueue({ ...warning('pg2 lags', 42), event: 'alert.resolved' });
    expect(await opened).toMatchObject({ ok: false, error: 'Superseded: the alert resolved before this was delivered' });
    expect(lane.log).toEqual([{ summary: 'pg2 lags', attempt: 0, error: 'Superseded: the alert resolved before this was delivered' }]);
    await lane.answer('w1', ok);
    await lane.answer('pg3 lags', ok);
    expect(await other).toEqual(ok);
    expect(lane.sent.map((s) => s.summary)).toEqual(['pg2 lags']);
  });

  it('stops retrying an alert.opened that is resolved while its attempt is in flight', async () => {
    const lane = fakeLane();
    const opened = lane.enqueue(warning('pg2 lags', 42));
    await vi.advanceTimersByTimeAsync(0);
    void lane.enqueue({ ...warning('pg2 lags', 42), event: 'alert.resolved' });
    await vi.advanceTimersByTimeAsync(0);
    await lane.answer('pg2 lags', timedOut);
    expect(await opened).toMatchObject({ ok: false, error: 'Superseded: the alert resolved before this was delivered' });
    await lane.answer('pg2 lags', ok);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(lane.sent).toEqual([]);
    expect(lane.log.map(({ attempt, error }) => [attempt, error])).toEqual([
      [1, 'No answer within 5 s'],
      [0, 'Superseded: the alert resolved before this was delivered'],
      [1, null],
    ]);
  });

  it('drops a new delivery when too many are waiting, and logs the drop', async () => {
    const lane = fakeLane({ maxInFlight: 1, maxQueued: 1 });
    void lane.enqueue(warning('w1'));
    void lane.enqueue(warning('w2'));
    const third = await lane.enqueue(warning('w3'));
    expect(third).toMatchObject({ ok: false, error: 'Dropped: 1 deliveries already waiting for this webhook' });
    expect(lane.log).toEqual([{ summary: 'w3', attempt: 0, error: 'Dropped: 1 deliveries already waiting for this webhook' }]);
  });
});
