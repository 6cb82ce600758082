import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labSql } from '@/lab/client';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = '9'.repeat(64);

const { getSshPool } = await import('@/lib/ssh/pool');
const { labCluster, membersOf } = await import('./testing/promote-fixture');
const { switchoverUnderWrites } = await import('./testing/commit-writer');

describe('planned switchover under a write load, against the lab', () => {
  let clusterId = 0;

  beforeAll(async () => {
    ({ clusterId } = await labCluster());
  }, 300_000);

  afterAll(() => getSshPool().closeAll());

  it('moves the primary to pg2 with every committed transaction on it; pg1 and pg3 stream from pg2', async () => {
    const { status, row, failedSteps, committed, missingOnPg2 } = await switchoverUnderWrites(clusterId, 'lab: planned maintenance on pg1');
    expect(status, failedSteps).toBe('succeeded');
    expect(committed.length).toBeGreaterThan(50);
    expect(missingOnPg2).toEqual([]);

    expect(await labSql('pg2', 'SELECT pg_is_in_recovery()')).toBe('f');
    expect(await labSql('pg1', 'SELECT sender_host || status FROM pg_stat_wal_receiver')).toBe('10.88.0.12streaming');
    expect(await labSql('pg3', 'SELECT sender_host || status FROM pg_stat_wal_receiver')).toBe('10.88.0.12streaming');
    const metrics = row.metrics as Record<string, number>;
    expect(metrics.rpoBytes).toBe(0);
    expect(metrics.writeGapMs).toBeGreaterThan(0);
    expect(await membersOf(clusterId)).toEqual([
      { name: 'pg1', role: 'replica', fenced: false, fenceReason: null },
      { name: 'pg2', role: 'primary', fenced: false, fenceReason: null },
      { name: 'pg3', role: 'replica', fenced: false, fenceReason: null },
    ]);
    console.info(`switchover: ${committed.length} commits by the client, write gap ${metrics.writeGapMs} ms, RTO ${metrics.rtoWritableMs} ms`);
  }, 300_000);
});
