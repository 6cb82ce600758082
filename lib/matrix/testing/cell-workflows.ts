import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crash, labClusterPaths, labHost, labSql, startHost, type LabCell } from '@/lab/client';
import type { ClusterTick } from '@/lib/monitor/types';

/**
 * Every workflow Tandem has, in one lab cell of the version matrix, on one cluster `orders`
 * (pg1 primary, pg2 and pg3 replicas): the wizard's setup, the poller's lag samples and
 * status words, a switchover under a write load with every acknowledged commit kept, a
 * power cut of the primary with a promote the other replica follows, and a pg_rewind rejoin
 * of the crashed member. The test names are the workflows `npm run test:matrix` tabulates.
 * A host of the PGDATA-only layout is reached as `tdmlab` with sudo, as on a RHEL host, and
 * its configuration must be read from where PostgreSQL reads it after setup and after the rejoin.
 * Call from `lib/matrix/<cell>.lab.test.ts` after setting DATABASE_URL and TANDEM_SECRET_KEY.
 */
export function describeCell(cell: LabCell): void {
  describe(`the workflows on ${cell}, against the lab`, () => {
    let clusterId = 0;
    const ids: Record<string, number> = {};
    const pgdata = () => labClusterPaths('pg1').layout === 'pgdata';
    const deps = loadDeps();

    beforeAll(async () => {
      const { registerLabHosts } = await deps;
      Object.assign(ids, await registerLabHosts(['pg1', 'pg2', 'pg3'], pgdata() ? { user: 'tdmlab' } : {}));
    }, 60_000);

    afterAll(async () => (await deps).getSshPool().closeAll());

    it('setup', async () => {
      const { labSetupForm, startLabSetup, waitForOperation, operationRow } = await deps;
      const setup = await startLabSetup(labSetupForm(ids.pg1 ?? 0, [ids.pg2 ?? 0, ids.pg3 ?? 0]));
      clusterId = setup.clusterId;
      const result = await waitForOperation(setup.operationId);
      expect(result?.status, JSON.stringify((await operationRow(setup.operationId)).steps.filter((step) => step.status === 'failed'))).toBe('succeeded');
      const { major } = labClusterPaths('pg1');
      expect(Math.floor(Number(await labSql('pg2', 'SHOW server_version_num')) / 10_000)).toBe(major);
      for (const replica of ['pg2', 'pg3']) {
        expect(await labSql(replica, 'SELECT sender_host || status FROM pg_stat_wal_receiver')).toBe(`${labHost('pg1').address}streaming`);
      }
      await expectConfigWherePostgresReadsIt('pg2');
      const { loadDiscovery } = await deps;
      const controls = await Promise.all(['pg1', 'pg2', 'pg3'].map(async (host) => (await loadDiscovery(ids[host] ?? 0))?.facts?.cluster?.control));
      const expected = pgdata()
        ? { kind: 'pg_ctl', dataDirectory: labClusterPaths('pg1').dataDirectory, binDirectory: `/usr/pgsql-${major}/bin` }
        : { kind: 'pg_ctlcluster', version: String(major), name: 'main' };
      expect(controls).toEqual([expected, expected, expected]);
    }, 300_000);

    it('monitor', async () => {
      const { startPoller, stopPoller, refreshPoller, onClusterTick, db } = await deps;
      const ticks: ClusterTick[] = [];
      const stop = onClusterTick((tick) => { if (tick.clusterId === clusterId) ticks.push(tick); });
      await startPoller({ refreshMs: 1_000, leaderRetryMs: 1_000 });
      try {
        await refreshPoller();
        await labSql('pg1', 'CREATE TABLE monitor_lab AS SELECT g AS id, repeat(md5(g::text), 20) AS pad FROM generate_series(1, 50000) g');
        const streaming = await waitFor(() => ticks.find((tick) => tick.replicas.length === 2 && tick.replicas.every((sample) => sample.status === 'streaming')), 30_000, 'a tick with both replicas streaming');
        expect(streaming.writableHostIds).toEqual([ids.pg1]);
        expect(await (await db()).lagSample.count({ where: { clusterId, status: 'streaming' } })).toBeGreaterThan(0);
      } finally {
        stop();
        await stopPoller();
      }
    }, 120_000);

    it('switchover', async () => {
      const { switchoverUnderWrites } = await deps;
      const { status, failedSteps, committed, missingOnPg2 } = await switchoverUnderWrites(clusterId, 'matrix: planned switchover');
      expect(status, failedSteps).toBe('succeeded');
      expect(committed.length).toBeGreaterThan(50);
      expect(missingOnPg2).toEqual([]);
      for (const replica of ['pg1', 'pg3']) {
        expect(await labSql(replica, 'SELECT sender_host || status FROM pg_stat_wal_receiver')).toBe(`${labHost('pg2').address}streaming`);
      }
    }, 300_000);

    it('promote', async () => {
      const { requestPromote, waitForOperation, operationRow, waitReplayed, labActor, promoteRequest } = await deps;
      await labSql('pg2', 'CREATE TABLE crash_lab (id int PRIMARY KEY); INSERT INTO crash_lab SELECT generate_series(1, 1000)');
      const lsn = await labSql('pg2', 'SELECT pg_current_wal_lsn()');
      await waitReplayed('pg1', lsn);
      await waitReplayed('pg3', lsn);
      await crash('pg2');
      const started = await requestPromote(clusterId, promoteRequest({ candidate: 'pg3', acknowledgeDown: true, reason: 'matrix: power cut' }), labActor, Date.now());
      if (!started.ok) throw new Error(started.message);
      const result = await waitForOperation(started.operationId);
      expect(result?.status, JSON.stringify((await operationRow(started.operationId)).steps.filter((step) => step.status === 'failed'))).toBe('succeeded');
      expect(await labSql('pg3', 'SELECT pg_is_in_recovery()')).toBe('f');
      expect(await labSql('pg3', 'SELECT count(*) FROM crash_lab')).toBe('1000');
      expect(await labSql('pg1', 'SELECT sender_host || status FROM pg_stat_wal_receiver')).toBe(`${labHost('pg3').address}streaming`);
    }, 300_000);

    it('rejoin', async () => {
      const { requestRejoin, waitForOperation, operationRow, waitReplayed, labActor } = await deps;
      await startHost('pg2');
      const started = await requestRejoin(clusterId, 'pg2', 'matrix: back after the power cut', labActor, Date.now(), 'rewind');
      if (!started.ok) throw new Error(started.message);
      const result = await waitForOperation(started.operationId);
      expect(result?.status, JSON.stringify((await operationRow(started.operationId)).steps.filter((step) => step.status === 'failed'))).toBe('succeeded');
      expect(await labSql('pg2', 'SELECT sender_host || status FROM pg_stat_wal_receiver')).toBe(`${labHost('pg3').address}streaming`);
      await labSql('pg3', 'INSERT INTO crash_lab VALUES (1001)');
      await waitReplayed('pg2', await labSql('pg3', 'SELECT pg_current_wal_lsn()'));
      expect(await labSql('pg2', 'SELECT count(*) FROM crash_lab')).toBe('1001');
      await expectConfigWherePostgresReadsIt('pg2');
    }, 300_000);
  });
}

/**
 * On the PGDATA-only layout: the member reads postgresql.conf from its data directory and
 * Tandem's standby settings from postgresql.auto.conf there (pg_settings.sourcefile), and
 * its own listen address is the one it binds. Debian's layout reads /etc/postgresql.
 */
async function expectConfigWherePostgresReadsIt(host: string): Promise<void> {
  const { configDirectory, dataDirectory } = labClusterPaths(host);
  expect(await labSql(host, 'SHOW config_file')).toBe(`${configDirectory}/postgresql.conf`);
  expect(await labSql(host, 'SHOW hba_file')).toBe(`${configDirectory}/pg_hba.conf`);
  expect(await labSql(host, "SELECT sourcefile FROM pg_settings WHERE name = 'hot_standby_feedback'")).toBe(`${dataDirectory}/postgresql.auto.conf`);
  expect(await labSql(host, "SELECT setting FROM pg_settings WHERE name = 'hot_standby_feedback'")).toBe('on');
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`no ${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The modules under test, imported after the test file has set the database and key. */
async function loadDeps() {
  const [runner, pool, fixture, promote, rejoin, writer, poller, bus, client] = await Promise.all([
    import('@/lib/operations/runner'), import('@/lib/ssh/pool'), import('@/lib/setup/testing/lab-fixture'), import('@/lib/failover/testing/promote-fixture'),
    import('@/lib/operations/rejoin/request'), import('@/lib/failover/testing/commit-writer'),
    import('@/lib/monitor/poller'), import('@/lib/monitor/tick-bus'), import('@/lib/db/client'),
  ]);
  const { loadDiscovery } = await import('@/lib/db/discovery');
  return {
    waitForOperation: runner.waitForOperation, getSshPool: pool.getSshPool,
    registerLabHosts: fixture.registerLabHosts, labSetupForm: fixture.labSetupForm, startLabSetup: fixture.startLabSetup, labActor: fixture.labActor,
    operationRow: promote.operationRow, waitReplayed: promote.waitReplayed, promoteRequest: promote.promoteRequest,
    requestPromote: (await import('@/lib/operations/promote/request')).requestPromote,
    requestRejoin: rejoin.requestRejoin, switchoverUnderWrites: writer.switchoverUnderWrites,
    startPoller: poller.startPoller, stopPoller: poller.stopPoller, refreshPoller: poller.refreshPoller, onClusterTick: bus.onClusterTick, db: client.db, loadDiscovery,
  };
}
