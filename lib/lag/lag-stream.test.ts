import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { collectEventText } from '@/lib/testing/event-stream-text';
import { makePoint } from './builders';
import { lagEventStream, type LagStreamSource } from './lag-stream';
import type { LagPoint } from './types';

function harness(stored: LagPoint[]) {
  const listeners = new Set<(points: readonly LagPoint[]) => void>();
  const reads: number[] = [];
  const source: LagStreamSource = {
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    readAfter: async (after) => {
      reads.push(after);
      return stored.filter((point) => point.at > after);
    },
    now: () => Date.now(),
  };
  const abort = new AbortController();
  const { text, done: pump } = collectEventText(lagEventStream(source, { after: 1000, signal: abort.signal, keepAliveMs: 5000 }));
  return { publish: (points: LagPoint[]) => listeners.forEach((listener) => listener(points)), listeners, reads, abort, pump, text };
}

const events = (text: string) => text.split('\n\n').filter((chunk) => chunk.startsWith('event: samples')).map((chunk) => JSON.parse(chunk.split('data: ')[1]!) as LagPoint[]);

describe('lagEventStream', () => {
  beforeEach(() => vi.useFakeTimers({ now: 100_000 }));
  afterEach(() => vi.useRealTimers());

  it('sends each published tick once, newer than what the client has, as a samples event', async () => {
    const h = harness([]);
    h.publish([makePoint({ at: 500 }), makePoint({ at: 2000, hostId: 2 })]);
    h.publish([makePoint({ at: 2000, hostId: 2 })]);
    await vi.advanceTimersByTimeAsync(10);
    expect(events(h.text()).map((points) => points.map((point) => [point.at, point.hostId]))).toEqual([[[2000, 2]]]);
    expect(h.text()).toContain('id: 2000');
    expect(h.reads).toEqual([]);
    h.abort.abort();
    await h.pump;
  });

  it('reads new rows from the database when no tick arrived for two seconds, and keeps the stream alive', async () => {
    const h = harness([makePoint({ at: 1500 }), makePoint({ at: 2500 })]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.reads).toEqual([1000]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.reads).toEqual([1000, 2500]);
    expect(events(h.text()).flat().map((point) => point.at)).toEqual([1500, 2500]);
    h.publish([makePoint({ at: 3000 })]);
    await vi.advanceTimersByTimeAsync(1500);
    expect(h.reads).toEqual([1000, 2500]);
    await vi.advanceTimersByTimeAsync(4000);
    expect(h.text()).toContain(': keep-alive');
    h.abort.abort();
    await h.pump;
  });

  it('unsubscribes and ends when the request is aborted', async () => {
    const h = harness([]);
    expect(h.listeners.size).toBe(1);
    h.abort.abort();
    await h.pump;
    expect(h.listeners.size).toBe(0);
    const readsBefore = h.reads.length;
    await vi.advanceTimersByTimeAsync(5000);
    expect(h.reads.length).toBe(readsBefore);
  });
});
