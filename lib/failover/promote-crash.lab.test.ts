import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crash, labSql } from '@/lab/client';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'c'.repeat(64);

const { waitForOperation } = await import('@/lib/operations/runner');
const { getSshPool } = await import('@/lib/ssh/pool');
const { labActor } = await import('@/lib/setup/testing/lab-fixture');
const { labCluster, membersOf, operationRow, promoteRequest, waitReplayed } = await import('./testing/promote-fixture');
const { requestPromote } = await import('@/lib/operations/promote/request');
const { assessCluster } = await import('@/lib/operations/read-members');

describe('promote after a power cut of the primary, against the lab', () => {
  let clusterId = 0;

  beforeAll(async () => {
    ({ clusterId } = await labCluster());
  }, 300_000);

  afterAll(() => getSshPool().closeAll());

  it('promotes pg2 after pg1 is crashed: rows are there, pg3 follows pg2, RPO ≈ 0 recorded', async () => {
    await labSql('pg1', 'CREATE TABLE orders_lab (id int PRIMARY KEY); INSERT INTO orders_lab SELECT generate_series(1, 1000)');
    const lsn = await labSql('pg1', 'SELECT pg_current_wal_lsn()');
    await waitReplayed('pg2', lsn);
    await waitReplayed('pg3', lsn);
    await crash('pg1');

    const assessed = await assessCluster(clusterId);
    expect(assessed?.assessment.primary).toMatchObject({ name: 'pg1', reachable: false });
    expect(assessed?.assessment.candidates.map((candidate) => [candidate.name, candidate.healthy, candidate.lossBytes])).toEqual(expect.arrayContaining([['pg2', true, 0], ['pg3', true, 0]]));

    const refused = await requestPromote(clusterId, promoteRequest(), labActor, Date.now());
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.refusals.map((refusal) => refusal.field)).toEqual(['acknowledgeDown']);

    const started = await requestPromote(clusterId, promoteRequest({ acknowledgeDown: true }), labActor, Date.now());
    if (!started.ok) throw new Error(started.message);
    const result = await waitForOperation(started.operationId);
    const row = await operationRow(started.operationId);
    expect(result?.status, JSON.stringify(row.steps.filter((step) => step.status === 'failed'))).toBe('succeeded');

    expect(await labSql('pg2', 'SELECT pg_is_in_recovery()')).toBe('f');
    expect(await labSql('pg2', 'SELECT count(*) FROM orders_lab')).toBe('1000');
    expect(await labSql('pg3', 'SELECT sender_host || status FROM pg_stat_wal_receiver')).toBe('10.88.0.12streaming');
    await labSql('pg2', 'INSERT INTO orders_lab VALUES (1001)');
    await waitReplayed('pg3', await labSql('pg2', 'SELECT pg_current_wal_lsn()'));
    expect(await labSql('pg3', 'SELECT count(*) FROM orders_lab')).toBe('1001');

    const metrics = row.metrics as Record<string, number>;
    expect(metrics.rpoBytes).toBe(0);
    expect(metrics.rtoWritableMs).toBeGreaterThan(0);
    expect(metrics.rtoTotalMs).toBeGreaterThanOrEqual(metrics.rtoWritableMs ?? 0);
    expect(metrics.fenceAcknowledged).toBe(1);
    expect(row.reason).toBe('Promote pg2: lab: primary lost');
    expect(row.steps.map((step) => step.name)).toEqual([
      'Fence the old primary pg1', 'Promote pg2 and prove it accepts writes', 'Record pg2 as the primary in Tandem',
      'Re-point pg3 to stream from pg2', 'Measure and notify: pg2 promoted',
    ]);
    expect(await membersOf(clusterId)).toEqual([
      { name: 'pg1', role: 'replica', fenced: true, fenceReason: 'Promote of pg2: lab: primary lost' },
      { name: 'pg2', role: 'primary', fenced: false, fenceReason: null },
      { name: 'pg3', role: 'replica', fenced: false, fenceReason: null },
    ]);
  }, 240_000);
});
