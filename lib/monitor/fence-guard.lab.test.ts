import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crash, heal, labClusterPaths, labExec, labSql, partition, startHost } from '@/lab/client';
import { sql } from '@/lib/pg/sql';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'f'.repeat(64);

const { db } = await import('@/lib/db/client');
const { waitForOperation } = await import('@/lib/operations/runner');
const { getSshPool } = await import('@/lib/ssh/pool');
const { labActor } = await import('@/lib/setup/testing/lab-fixture');
const { labCluster, membersOf, operationRow, promoteRequest, waitReplayed } = await import('@/lib/failover/testing/promote-fixture');
const { localSql, watchWritable } = await import('@/lib/failover/testing/writable-watcher');
const { requestPromote } = await import('@/lib/operations/promote/request');
const { requestRejoin } = await import('@/lib/operations/rejoin/request');
const { refreshPoller, startPoller, stopPoller } = await import('@/lib/monitor/poller');

const major = (host: string) => String(labClusterPaths(host).major);
const stopped = async (host: string) => (await labExec(host, ['pg_ctlcluster', major(host), 'main', 'status'])).code === 3;

async function until(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not happen within ${timeoutMs} ms`);
}

async function promoteAcknowledged(clusterId: number, candidate: string): Promise<void> {
  const started = await requestPromote(clusterId, promoteRequest({ candidate, acknowledgeDown: true }), labActor, Date.now());
  if (!started.ok) throw new Error(started.message);
  const result = await waitForOperation(started.operationId);
  const row = await operationRow(started.operationId);
  expect(result?.status, JSON.stringify(row.steps.filter((step) => step.status === 'failed'))).toBe('succeeded');
  expect((row.metrics as Record<string, number>).fenceAcknowledged).toBe(1);
}

async function enforcements(clusterId: number, host: string) {
  return (await db()).fenceEnforcement.findMany({ where: { clusterId, host: { name: host } }, orderBy: { id: 'asc' }, select: { trigger: true, ok: true, wasRunning: true, windowMs: true, outcome: true, commands: true } });
}

/** The member is made safe on disk: start.conf manual (the old one kept) and standby.signal in its data directory. */
async function expectSafeAtBoot(host: string): Promise<void> {
  const { configDirectory, dataDirectory } = labClusterPaths(host);
  expect((await labExec(host, ['cat', `${configDirectory}/start.conf`])).stdout.trim()).toBe('manual');
  expect((await labExec(host, ['test', '-f', `${dataDirectory}/standby.signal`])).code).toBe(0);
}

describe('the fence guard: a fenced old primary is stopped as soon as it answers again, against the lab', () => {
  let clusterId = 0;

  beforeAll(async () => {
    ({ clusterId } = await labCluster());
    await startPoller({ refreshMs: 1_000, leaderRetryMs: 1_000 });
    await refreshPoller();
  }, 300_000);

  afterAll(async () => {
    await stopPoller();
    getSshPool().closeAll();
  });

  it('partition, promote on acknowledgement, heal: pg1 is stopped within moments, made safe at boot, recorded and audited', async () => {
    await labSql('pg1', 'CREATE TABLE fence_lab (id int PRIMARY KEY); INSERT INTO fence_lab SELECT generate_series(1, 100)');
    await waitReplayed('pg2', await labSql('pg1', 'SELECT pg_current_wal_lsn()'));
    await partition('pg1');
    await promoteAcknowledged(clusterId, 'pg2');
    expect(await localSql('pg1', sql`SELECT pg_is_in_recovery()`)).toBe('f');
    expect((await (await db()).clusterMember.findFirstOrThrow({ where: { clusterId, host: { name: 'pg1' } }, select: { fenceEnforcedAt: true } })).fenceEnforcedAt).toBeNull();

    const watcher = watchWritable(['pg1', 'pg2', 'pg3']);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const healedAt = Date.now();
    await heal('pg1');
    await until('pg1 stopped', () => stopped('pg1'), 20_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const sightings = await watcher.stop();

    const lastWritable = Math.max(healedAt, ...sightings.filter((s) => s.host === 'pg1').map((s) => s.at));
    const windowMs = lastWritable - healedAt;
    console.info(`[fence-guard lab] partition path: pg1 last seen writable ${windowMs} ms after the heal`);
    expect(windowMs).toBeLessThan(10_000);
    expect(sightings.filter((s) => s.host === 'pg2').length).toBeGreaterThan(0);
    expect(sightings.some((s) => s.host === 'pg3')).toBe(false);
    await expectSafeAtBoot('pg1');

    const [record] = await enforcements(clusterId, 'pg1');
    expect(record).toMatchObject({ ok: true, wasRunning: true });
    expect(record?.outcome).toMatch(/^pg1, fenced in cluster orders, answered again .*Tandem stopped it [\d.]+ s after it answered, turned its automatic start off \(start\.conf, systemd units\) and wrote standby\.signal/);
    expect(record?.commands).toEqual(expect.arrayContaining([`[pg1 as root] pg_ctlcluster '${major('pg1')}' 'main' stop -m immediate`]));
    expect(await (await db()).auditEvent.count({ where: { action: 'fence.enforce', outcome: 'ok', actorEmail: 'tandem' } })).toBe(1);
    expect((await (await db()).clusterMember.findFirstOrThrow({ where: { clusterId, host: { name: 'pg1' } }, select: { fenceEnforcedAt: true } })).fenceEnforcedAt).not.toBeNull();
  }, 300_000);

  it('a fenced pg1 started by hand comes up read-only (standby.signal); rejoin with pg_rewind still works', async () => {
    expect((await labExec('pg1', ['pg_ctlcluster', major('pg1'), 'main', 'start'])).code).toBe(0);
    expect(await labSql('pg1', 'SELECT pg_is_in_recovery()')).toBe('t');
    expect((await labExec('pg1', ['pg_ctlcluster', major('pg1'), 'main', 'stop', '-m', 'fast'])).code).toBe(0);

    const started = await requestRejoin(clusterId, 'pg1', 'lab: rejoin after the fence guard', labActor, Date.now());
    if (!started.ok) throw new Error(started.message);
    const result = await waitForOperation(started.operationId);
    expect(result?.status, JSON.stringify((await operationRow(started.operationId)).steps.filter((step) => step.status === 'failed'))).toBe('succeeded');
    expect(await labSql('pg1', 'SELECT sender_host || status FROM pg_stat_wal_receiver')).toBe('10.88.0.12streaming');
    expect((await labExec('pg1', ['cat', `${labClusterPaths('pg1').configDirectory}/start.conf`])).stdout).toMatch(/^auto$/m);
    expect(await membersOf(clusterId)).toContainEqual(expect.objectContaining({ name: 'pg1', fenced: false, role: 'replica' }));
  }, 300_000);

  it('power cut of pg2, promote pg1 on acknowledgement, pg2 boots with start.conf auto: the guard stops it and it stays down at the next boot', async () => {
    await labSql('pg2', 'INSERT INTO fence_lab SELECT generate_series(101, 200)');
    await waitReplayed('pg1', await labSql('pg2', 'SELECT pg_current_wal_lsn()'));
    await crash('pg2');
    await promoteAcknowledged(clusterId, 'pg1');

    const watcher = watchWritable(['pg1', 'pg2', 'pg3']);
    const bootedAt = Date.now();
    await startHost('pg2');
    await until('pg2 made safe', async () => (await enforcements(clusterId, 'pg2')).some((record) => record.ok) && await stopped('pg2'), 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const sightings = await watcher.stop();
    const pg2Writable = sightings.filter((s) => s.host === 'pg2').map((s) => s.at);
    const [record] = await enforcements(clusterId, 'pg2');
    console.info(`[fence-guard lab] power-cut path: pg2 seen writable ${pg2Writable.length} times, last ${pg2Writable.length > 0 ? Math.max(...pg2Writable) - bootedAt : 0} ms after the boot began; guard: ${record?.outcome ?? 'none'}`);
    expect(pg2Writable.every((at) => at - bootedAt < 10_000)).toBe(true);
    await expectSafeAtBoot('pg2');
    expect(await labSql('pg1', 'SELECT count(*) FROM fence_lab')).toBe('200');

    await crash('pg2');
    await startHost('pg2');
    expect(await stopped('pg2')).toBe(true);
  }, 300_000);
});
