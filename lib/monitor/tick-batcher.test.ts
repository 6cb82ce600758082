import { describe, expect, it } from 'vitest';
import { makeTick } from '@/lib/alerts/tick-builders';
import { TickBatcher } from './tick-batcher';
import type { ClusterTick } from './types';

const tickOf = (clusterId: number): ClusterTick => ({ ...makeTick(0), clusterId });

describe('TickBatcher', () => {
  it('stores ticks written within the linger time with one call, and resolves each after it', async () => {
    const calls: number[][] = [];
    const batcher = new TickBatcher(async (ticks) => void calls.push(ticks.map((tick) => tick.clusterId)), { lingerMs: 30 });
    const written = [1, 2, 3].map((id) => batcher.write(tickOf(id)));
    expect(calls).toEqual([]);
    await Promise.all(written);
    expect(calls).toEqual([[1, 2, 3]]);
    await batcher.write(tickOf(4));
    expect(calls).toEqual([[1, 2, 3], [4]]);
  });

  it('stores a full batch at once, one batch at a time', async () => {
    const calls: number[][] = [];
    let active = 0;
    let overlapped = false;
    const batcher = new TickBatcher(async (ticks) => {
      overlapped ||= active > 0;
      active += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      calls.push(ticks.map((tick) => tick.clusterId));
      active -= 1;
    }, { lingerMs: 10_000, maxTicks: 2 });
    await Promise.all([1, 2, 3, 4].map((id) => batcher.write(tickOf(id))));
    expect(calls).toEqual([[1, 2], [3, 4]]);
    expect(overlapped).toBe(false);
  });

  it('rejects every tick of a failed batch, and the next batch is stored again', async () => {
    let fail = true;
    const stored: number[] = [];
    const batcher = new TickBatcher(async (ticks) => {
      if (fail) throw new Error('database is read-only');
      stored.push(...ticks.map((tick) => tick.clusterId));
    }, { lingerMs: 5 });
    const results = await Promise.allSettled([batcher.write(tickOf(1)), batcher.write(tickOf(2))]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await batcher.write(tickOf(3));
    expect(stored).toEqual([3]);
  });

  it('flush stores what waits without waiting for the linger time', async () => {
    const calls: number[][] = [];
    const batcher = new TickBatcher(async (ticks) => void calls.push(ticks.map((tick) => tick.clusterId)), { lingerMs: 60_000 });
    const written = batcher.write(tickOf(7));
    await batcher.flush();
    await written;
    expect(calls).toEqual([[7]]);
  });
});
