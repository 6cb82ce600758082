import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { HostLink } from './host-link';

const target = { host: '10.88.0.12', port: 5432, database: 'postgres', user: 'tandem_monitor', password: 'x', via: 'direct' as const };

function fakeClient(): pg.Client {
  const handlers = new Map<string, () => void>();
  return { end: async () => undefined, on: (event: string, handler: () => void) => handlers.set(event, handler), query: async () => ({ rows: [] }) } as unknown as pg.Client;
}

describe('HostLink', () => {
  it('keeps one connection across uses', async () => {
    let opened = 0;
    const link = new HostLink(target, { deadlineMs: 200, open: async () => (opened += 1, fakeClient()) });
    await link.use(async () => 1);
    await link.use(async () => 2);
    expect(opened).toBe(1);
  });

  it('after a failed connect reports the host down with the reason, retrying with doubling backoff up to the cap', async () => {
    let now = 0;
    let attempts = 0;
    const link = new HostLink(target, { deadlineMs: 200, minBackoffMs: 1_000, maxBackoffMs: 4_000, now: () => now, open: async () => { attempts += 1; throw new Error('refused'); } });
    const gaps: number[] = [];
    let last = 0;
    for (now = 0; now <= 20_000; now += 250) {
      const before = attempts;
      await expect(link.use(async () => 1)).rejects.toMatchObject({ name: 'HostDown', reason: expect.stringMatching(/refused/) });
      if (attempts > before) {
        if (before > 0) gaps.push(now - last);
        last = now;
      }
    }
    expect(gaps.slice(0, 4)).toEqual([1_000, 2_000, 4_000, 4_000]);
  });

  it('bounds a hanging query by its deadline and reconnects on the next use', async () => {
    let opened = 0;
    const link = new HostLink(target, { deadlineMs: 50, open: async () => (opened += 1, fakeClient()) });
    await expect(link.use(() => new Promise(() => undefined))).rejects.toMatchObject({ reason: 'no answer within 50 ms (query)' });
    await link.use(async () => 1);
    expect(opened).toBe(2);
  });
});
