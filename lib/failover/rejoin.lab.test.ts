import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heal, labClusterPaths, labExec, labPsqlInside, labSql, partition } from '@/lab/client';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'b'.repeat(64);

const { waitForOperation } = await import('@/lib/operations/runner');
const { getSshPool } = await import('@/lib/ssh/pool');
const { labActor } = await import('@/lib/setup/testing/lab-fixture');
const { labCluster, membersOf, operationRow, promoteRequest, waitReplayed } = await import('./testing/promote-fixture');
const { requestPromote } = await import('@/lib/operations/promote/request');
const { requestRejoin } = await import('@/lib/operations/rejoin/request');


describe('rejoin a former primary that wrote divergent WAL, with pg_rewind, against the lab', () => {
  let clusterId = 0;

  beforeAll(async () => {
    ({ clusterId } = await labCluster());
  }, 300_000);

  afterAll(() => getSshPool().closeAll());

  it('promotes pg2 while pg1 is cut off and still writing, then rewinds pg1 and makes it a standby of pg2', async () => {
    await labSql('pg1', 'CREATE TABLE shared_lab (id int PRIMARY KEY); INSERT INTO shared_lab SELECT generate_series(1, 100)');
    const lsn = await labSql('pg1', 'SELECT pg_current_wal_lsn()');
    await waitReplayed('pg2', lsn);
    await waitReplayed('pg3', lsn);
    await partition('pg1');
    await labPsqlInside('pg1', "CREATE TABLE diverged_lab AS SELECT g AS id, repeat('d', 100) AS pad FROM generate_series(1, 20000) g");

    const promoted = await requestPromote(clusterId, promoteRequest({ acknowledgeDown: true, reason: 'lab: pg1 cut off' }), labActor, Date.now());
    if (!promoted.ok) throw new Error(promoted.message);
    const promoteResult = await waitForOperation(promoted.operationId);
    expect(promoteResult?.status, JSON.stringify((await operationRow(promoted.operationId)).steps.filter((step) => step.status === 'failed'))).toBe('succeeded');
    await labSql('pg2', 'INSERT INTO shared_lab SELECT generate_series(101, 150)');

    await heal('pg1');
    expect(await labPsqlInside('pg1', 'SELECT pg_is_in_recovery()')).toBe('f');

    // pg1 may still accept writes when asked (the fence guard stops it a moment after the heal): pg_rewind is asked for, not left to the default.
    const started = await requestRejoin(clusterId, 'pg1', 'lab: back in service', labActor, Date.now(), 'rewind');
    if (!started.ok) throw new Error(started.message);
    const result = await waitForOperation(started.operationId);
    const row = await operationRow(started.operationId);
    expect(result?.status, JSON.stringify(row.steps.filter((step) => step.status === 'failed'))).toBe('succeeded');
    expect(row.steps.find((step) => step.name.startsWith('Rewind pg1'))?.outputTail).toMatch(/Done!|rewinding/i);

    expect(await labSql('pg1', 'SELECT pg_is_in_recovery()')).toBe('t');
    expect(await labSql('pg1', 'SELECT sender_host || status FROM pg_stat_wal_receiver')).toBe('10.88.0.12streaming');
    expect(await labSql('pg1', "SELECT to_regclass('diverged_lab') IS NULL")).toBe('t');
    await labSql('pg2', 'INSERT INTO shared_lab VALUES (151)');
    await waitReplayed('pg1', await labSql('pg2', 'SELECT pg_current_wal_lsn()'));
    expect(await labSql('pg1', 'SELECT count(*) FROM shared_lab')).toBe('151');
    expect(await labSql('pg2', "SELECT count(*) FROM pg_hba_file_rules WHERE database = ARRAY['postgres'] AND user_name = ARRAY['replicator']")).toBe('0');
    expect(await membersOf(clusterId)).toContainEqual({ name: 'pg1', role: 'replica', fenced: false, fenceReason: null });
  }, 300_000);

  it('rebuilds pg3 from pg2 by base backup when asked, keeping its old data directory aside', async () => {
    const started = await requestRejoin(clusterId, 'pg3', 'lab: rebuild', labActor, Date.now(), 'rebuild');
    if (!started.ok) throw new Error(started.message);
    const result = await waitForOperation(started.operationId);
    const row = await operationRow(started.operationId);
    expect(result?.status, JSON.stringify(row.steps.filter((step) => step.status === 'failed'))).toBe('succeeded');
    expect(await labSql('pg3', 'SELECT sender_host || status FROM pg_stat_wal_receiver')).toBe('10.88.0.12streaming');
    expect(await labSql('pg3', 'SELECT count(*) FROM shared_lab')).toBe('151');
    const { dataDirectory } = labClusterPaths('pg3');
    const moved = await labExec('pg3', ['sh', '-c', `ls -d ${dataDirectory}.tandem-*`]);
    expect(moved.stdout.trim()).toMatch(new RegExp(`^${dataDirectory}\\.tandem-\\d{8}T\\d{6}Z$`));
    expect(await labSql('pg3', "SELECT current_setting('listen_addresses')")).not.toContain('10.88.0.12');
  }, 300_000);
});
