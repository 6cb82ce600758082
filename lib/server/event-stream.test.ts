import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { collectEventText } from '@/lib/testing/event-stream-text';
import { eventStream } from './event-stream';

describe('eventStream with a lease', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('re-checks it on its interval, ends with the reason when it fails, and releases it once', async () => {
    const answers: (() => Promise<string | null>)[] = [async () => null, () => Promise.reject(new Error('database gone'))];
    const release = vi.fn();
    const cleanup = vi.fn();
    const abort = new AbortController();
    const { text, done } = collectEventText(eventStream({ signal: abort.signal, keepAliveMs: 60_000, lease: { recheckEveryMs: 1000, recheck: () => answers.shift()!(), release } }, () => cleanup));

    await vi.advanceTimersByTimeAsync(1000);
    expect(text()).toBe('retry: 3000\n: connected\n\n');
    await vi.advanceTimersByTimeAsync(1000);
    await done;
    expect(text()).toBe('retry: 3000\n: connected\n\nevent: closed\ndata: {"reason":"Tandem could not check your session; reload the page."}\n\n');
    abort.abort();
    expect([release.mock.calls.length, cleanup.mock.calls.length, answers.length]).toEqual([1, 1, 0]);
  });

  it('releases the lease when the client goes, and checks it no more', async () => {
    const release = vi.fn();
    const recheck = vi.fn(async () => null);
    const abort = new AbortController();
    const { done } = collectEventText(eventStream({ signal: abort.signal, lease: { recheckEveryMs: 1000, recheck, release } }, () => () => undefined));
    abort.abort();
    await done;
    await vi.advanceTimersByTimeAsync(5000);
    expect([release.mock.calls.length, recheck.mock.calls.length]).toEqual([1, 0]);
  });
});
