import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labSql } from '@/lab/client';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = '8'.repeat(64);

const { waitForOperation } = await import('@/lib/operations/runner');
const { getSshPool } = await import('@/lib/ssh/pool');
const { labActor } = await import('@/lib/setup/testing/lab-fixture');
const { labCluster, membersOf, operationRow } = await import('./testing/promote-fixture');
const { requestDrill } = await import('@/lib/operations/drill/request');

describe('failover drill against the lab', () => {
  let clusterId = 0;

  beforeAll(async () => {
    ({ clusterId } = await labCluster());
  }, 300_000);

  afterAll(() => getSshPool().closeAll());

  it('switches over to pg2 and back to pg1 while a client commits, and reports RTO, write gap and zero lost transactions', async () => {
    const started = await requestDrill(clusterId, { candidate: 'pg2', confirmName: 'orders', reason: 'lab: quarterly drill' }, labActor, Date.now());
    if (!started.ok) throw new Error(started.message);
    const result = await waitForOperation(started.operationId);
    const row = await operationRow(started.operationId);
    expect(result?.status, JSON.stringify(row.steps.filter((step) => step.status === 'failed'))).toBe('succeeded');
    const metrics = row.metrics as Record<string, number>;
    expect(metrics.drillLost).toBe(0);
    expect(metrics.drillCommits).toBeGreaterThan(0);
    expect(metrics.thereRpoBytes).toBe(0);
    expect(metrics.backRpoBytes).toBe(0);
    expect(metrics.thereWriteGapMs).toBeGreaterThan(0);
    expect(metrics.backWriteGapMs).toBeGreaterThan(0);
    expect(await labSql('pg1', 'SELECT pg_is_in_recovery()')).toBe('f');
    expect(await labSql('pg2', 'SELECT sender_host || status FROM pg_stat_wal_receiver')).toBe('10.88.0.11streaming');
    expect(await labSql('pg3', 'SELECT sender_host || status FROM pg_stat_wal_receiver')).toBe('10.88.0.11streaming');
    expect((await membersOf(clusterId)).map((member) => [member.name, member.role])).toEqual([['pg1', 'primary'], ['pg2', 'replica'], ['pg3', 'replica']]);
    console.info(`drill: ${JSON.stringify(metrics)}`);
  }, 300_000);
});
