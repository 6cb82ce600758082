import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labSql } from '@/lab/client';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = '9'.repeat(64);

const { waitForOperation } = await import('@/lib/operations/runner');
const { getSshPool } = await import('@/lib/ssh/pool');
const { labActor } = await import('@/lib/setup/testing/lab-fixture');
const { labCluster, membersOf, operationRow, waitReplayed } = await import('./testing/promote-fixture');
const { requestSwitchover } = await import('@/lib/operations/switchover/request');
const { acknowledgedCommits } = await import('./testing/commit-writer');

describe('planned switchover under a write load, against the lab', () => {
  let clusterId = 0;

  beforeAll(async () => {
    ({ clusterId } = await labCluster());
  }, 300_000);

  afterAll(() => getSshPool().closeAll());

  it('moves the primary to pg2 with every committed transaction on it; pg1 and pg3 stream from pg2', async () => {
    await labSql('pg1', 'CREATE TABLE load_lab (id int PRIMARY KEY)');
    await waitReplayed('pg2', await labSql('pg1', 'SELECT pg_current_wal_lsn()'));
    const writer = acknowledgedCommits('pg1');
    for (let tries = 0; tries < 100 && Number(await labSql('pg1', 'SELECT count(*) FROM load_lab')) < 50; tries += 1) await new Promise((resolve) => setTimeout(resolve, 100));

    const started = await requestSwitchover(clusterId, { candidate: 'pg2', confirmName: 'orders', reason: 'lab: planned maintenance on pg1' }, labActor, Date.now());
    if (!started.ok) throw new Error(started.message);
    const result = await waitForOperation(started.operationId);
    const row = await operationRow(started.operationId);
    expect(result?.status, JSON.stringify(row.steps.filter((step) => step.status === 'failed'))).toBe('succeeded');

    const committed = await writer;
    expect(committed.length).toBeGreaterThan(50);
    const onPg2 = new Set((await labSql('pg2', "SELECT string_agg(id::text, ',') FROM load_lab")).split(',').map(Number));
    expect(committed.filter((id) => !onPg2.has(id))).toEqual([]);

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
