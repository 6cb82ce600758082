import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { makeTick } from '@/lib/alerts/tick-builders';
import type { ClusterTick } from '@/lib/monitor/types';
import { collectEventText } from '@/lib/testing/event-stream-text';
import { clusterChangeStream, type ClusterChangeSource } from './cluster-change-stream';

const changeEvent = z.object({ what: z.string() });

function harness(stamps: (number | null)[], since = 50_000) {
  const ticks = new Set<(tick: ClusterTick) => void>();
  const alerts = new Set<() => void>();
  let reads = 0;
  const source: ClusterChangeSource = {
    subscribeTicks: (listener) => {
      ticks.add(listener);
      return () => ticks.delete(listener);
    },
    subscribeAlerts: (listener) => {
      alerts.add(listener);
      return () => alerts.delete(listener);
    },
    readAlertStamp: async () => stamps[Math.min(reads++, stamps.length - 1)] ?? null,
    now: () => Date.now(),
  };
  const abort = new AbortController();
  const { text, done } = collectEventText(clusterChangeStream(source, { since, signal: abort.signal, tailEveryMs: 1000, busSilenceMs: 3000 }));
  return {
    tick: (tick: ClusterTick) => ticks.forEach((listener) => listener(tick)),
    alert: () => alerts.forEach((listener) => listener()),
    changes: () => text().split('\n\n').filter((chunk) => chunk.startsWith('event: change')).map((chunk) => changeEvent.parse(JSON.parse(chunk.split('data: ')[1]!)).what),
    text,
    reads: () => reads,
    listeners: () => ticks.size + alerts.size,
    end: async () => {
      abort.abort();
      await done;
    },
  };
}

describe('clusterChangeStream', () => {
  beforeEach(() => vi.useFakeTimers({ now: 100_000 }));
  afterEach(() => vi.useRealTimers());

  it('says "alerts" as soon as alerting writes an alert, and "topology" only when the members\' states change', async () => {
    const h = harness([null]);
    h.tick(makeTick(0));
    h.tick(makeTick(1, { replicas: [{ replayBytes: 9e6 }] }));
    h.alert();
    h.tick(makeTick(2, { primaryReachable: false }));
    h.tick(makeTick(3, { primaryReachable: false }));
    await vi.advanceTimersByTimeAsync(10);
    expect(h.changes()).toEqual(['alerts', 'topology']);
    expect(h.text()).not.toMatch(/pg1|timed out|10\.\d/);
    await h.end();
    expect(h.listeners()).toBe(0);
  });

  it('reads stored alert changes when this instance does not poll, and one made since the page rendered', async () => {
    const h = harness([60_000, 60_000, 60_000, 104_000]);
    await vi.advanceTimersByTimeAsync(10);
    expect(h.changes()).toEqual(['alerts']);
    await vi.advanceTimersByTimeAsync(4_000);
    expect(h.changes()).toEqual(['alerts', 'alerts']);
    await h.end();
  });

  it('does not read storage while ticks arrive, nor report an alert change older than the page', async () => {
    const h = harness([40_000]);
    await vi.advanceTimersByTimeAsync(10);
    const readsAtConnect = h.reads();
    for (let second = 1; second <= 5; second += 1) {
      h.tick(makeTick(second));
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(h.reads()).toBe(readsAtConnect);
    expect(h.changes()).toEqual([]);
    await h.end();
  });
});
