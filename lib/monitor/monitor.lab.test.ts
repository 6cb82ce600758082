import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heal, labClusterPaths, labSql, labSsh, partition, pgStart, pgStop } from '@/lab/client';
import type { ClusterTick, ReplicaSample } from './types';
import { enableMonitoringKind } from '@/lib/operations/enable-monitoring/kind';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = '7'.repeat(64);

const { db } = await import('@/lib/db/client');
const { unseal } = await import('@/lib/db/secrets');
const runner = await import('@/lib/operations/runner');
const { labSetupForm, registerLabHosts, startLabSetup } = await import('@/lib/setup/testing/lab-fixture');
const { withManagedClient } = await import('@/lib/pg/managed-client');
const { getSshPool } = await import('@/lib/ssh/pool');
const { onClusterTick } = await import('./tick-bus');
const { pollErrorCounts, refreshPoller, startPoller, stopPoller } = await import('./poller');
const { runMaintenance } = await import('./maintenance');
const { advisoryLeadership } = await import('./leadership');

const STALL_MS = 3_000;
const pgbench = () => `/usr/lib/postgresql/${labClusterPaths('pg1').major}/bin/pgbench`;
let hostIds: Record<string, number> = {};
let clusterId = 0;
const ticks: ClusterTick[] = [];

const replica = (tick: ClusterTick, host: string): ReplicaSample | undefined => tick.replicas.find((sample) => sample.hostId === hostIds[host]);

/** Resolves with the first tick from the bus (from now on) that satisfies `predicate`. */
function nextTick(predicate: (tick: ClusterTick) => boolean, timeoutMs: number, what: string): Promise<ClusterTick> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      const last = ticks.at(-1);
      reject(new Error(`no tick ${what} within ${timeoutMs} ms; last: ${JSON.stringify(last?.replicas.map((r) => [r.hostId, r.status, r.state, r.replyAgeMs, r.replayBytes]))} ${JSON.stringify(last?.members)}`));
    }, timeoutMs);
    const stop = onClusterTick((tick) => {
      if (tick.clusterId !== clusterId || !predicate(tick)) return;
      clearTimeout(timer);
      stop();
      resolve(tick);
    });
  });
}

/** Asks `probe` every 250 ms, at most 20 times, as the poller asks its lock every few seconds; true once it says true. */
async function eventually(probe: () => Promise<boolean>): Promise<boolean> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    if (await probe()) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

const asPostgres = (host: string, command: string) => labSsh(host, `cd / && runuser -u postgres -- ${command}`);

describe('the poller against a cluster set up by the wizard in the lab', () => {
  beforeAll(async () => {
    hostIds = await registerLabHosts(['pg1', 'pg2', 'pg3']);
    const started = await startLabSetup(labSetupForm(hostIds.pg1 ?? 0, [hostIds.pg2 ?? 0, hostIds.pg3 ?? 0]));
    clusterId = started.clusterId;
    const result = await runner.waitForOperation(started.operationId);
    expect(result?.status, result?.outcome).toBe('succeeded');
    onClusterTick((tick) => void ticks.push(tick));
    await startPoller({ thresholds: { stallMs: STALL_MS }, refreshMs: 1_000, leaderRetryMs: 1_000 });
    await refreshPoller();
  }, 300_000);

  afterAll(async () => {
    await stopPoller();
    getSshPool().closeAll();
  });

  it('creates tandem_monitor in pg_monitor, not a superuser, that Tandem logs in as, allowed the heartbeat table but not the canary', async () => {
    const cluster = await (await db()).cluster.findUniqueOrThrow({ where: { id: clusterId }, select: { monitorRole: true, monitorSecret: true } });
    expect(cluster.monitorRole).toBe('tandem_monitor');
    expect(await labSql('pg1', "SELECT rolsuper || '|' || rolreplication || '|' || pg_has_role('tandem_monitor', 'pg_monitor', 'MEMBER') FROM pg_roles WHERE rolname = 'tandem_monitor'")).toBe('false|false|true');
    expect(await labSql('pg2', "SELECT count(*) FROM pg_hba_file_rules WHERE 'tandem_monitor' = ANY (user_name) AND address = '10.88.0.1'")).toBe('1');
    const password = await unseal('cluster.monitorSecret', cluster.monitorSecret ?? '');
    const target = { host: '10.88.0.11', port: 5432, database: 'postgres', user: 'tandem_monitor', password, via: 'direct' as const };
    const denied = await withManagedClient(target, async (client) => {
      expect((await client.query<{ who: string }>('SELECT current_user AS who')).rows[0]?.who).toBe('tandem_monitor');
      return client.query('SELECT * FROM tandem.canary').then(() => 'allowed', (error: Error) => error.message);
    });
    expect(denied).toMatch(/permission denied/);
  });

  it('exactly one of two instances holds the poller lock on a PostgreSQL database; the other takes over when the leader\'s session dies, and the old leader then stays out', async () => {
    const { monitorSecret } = await (await db()).cluster.findUniqueOrThrow({ where: { id: clusterId }, select: { monitorSecret: true } });
    const url = `postgresql://tandem_monitor:${encodeURIComponent(await unseal('cluster.monitorSecret', monitorSecret ?? ''))}@10.88.0.11:5432/postgres`;
    const quiet = { warn: () => undefined };
    const first = advisoryLeadership(url, quiet);
    const second = advisoryLeadership(url, quiet);
    try {
      expect(await first.acquire()).toBe(true);
      expect(await second.acquire()).toBe(false);
      expect(await first.acquire()).toBe(true);
      expect(await labSql('pg1', "SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_locks WHERE locktype = 'advisory' AND granted")).toBe('1');
      expect(await eventually(() => second.acquire())).toBe(true);
      expect(await first.acquire()).toBe(false);
    } finally {
      await first.release();
      await second.release();
    }
  });

  it('ticks report both replicas streaming with heartbeat lag, and store the samples', async () => {
    const tick = await nextTick((t) => replica(t, 'pg2')?.status === 'streaming' && replica(t, 'pg3')?.status === 'streaming' && replica(t, 'pg2')?.heartbeatLagMs !== null, 20_000, 'with both streaming');
    expect(tick.members.every((member) => member.reachable)).toBe(true);
    expect(tick.writableHostIds).toEqual([hostIds.pg1]);
    expect(tick.slots.map((slot) => slot.slotName).sort()).toEqual(['tandem_pg2', 'tandem_pg3']);
    expect(await (await db()).lagSample.count({ where: { clusterId, status: 'streaming' } })).toBeGreaterThan(0);
  });

  it('pgbench write load raises replay byte lag in stored samples; it returns to about 0 when the load stops', async () => {
    const loadStart = new Date();
    const init = await asPostgres('pg1', `${pgbench()} -i -q -s 10 postgres`);
    expect(init.code, init.stderr).toBe(0);
    const run = await asPostgres('pg1', `${pgbench()} -n -c 4 -j 2 -T 6 postgres`);
    expect(run.code, run.stderr).toBe(0);
    const stored = await (await db()).lagSample.aggregate({ where: { clusterId, at: { gte: loadStart } }, _max: { replayBytes: true, flushBytes: true } });
    expect(Number(stored._max.replayBytes ?? 0)).toBeGreaterThan(0);
    const settled = await nextTick((t) => ['pg2', 'pg3'].every((host) => (replica(t, host)?.replayBytes ?? Infinity) < 64 * 1024), 30_000, 'with replay lag back under 64 KiB');
    expect(settled.replicas.every((sample) => sample.status === 'streaming')).toBe(true);
    expect(settled.slots.every((slot) => (slot.diskFreeBytes ?? 0) > 0)).toBe(true);
    await runMaintenance(new Date(Date.now() + 60_000));
    expect(await (await db()).lagRollup.count({ where: { clusterId } })).toBeGreaterThan(0);
  }, 120_000);

  it('pg_wal_replay_pause() on a replica reads as replay paused, then streaming after resume', async () => {
    await labSql('pg3', 'SELECT pg_wal_replay_pause()');
    try {
      const paused = await nextTick((t) => replica(t, 'pg3')?.status === 'replay paused', 15_000, 'with pg3 replay paused');
      expect(replica(paused, 'pg3')?.replayPaused).toBe(true);
    } finally {
      await labSql('pg3', 'SELECT pg_wal_replay_resume()');
    }
    await nextTick((t) => replica(t, 'pg3')?.status === 'streaming', 20_000, 'with pg3 streaming again');
    expect(await (await db()).lagSample.count({ where: { clusterId, hostId: hostIds.pg3, status: 'replay paused' } })).toBeGreaterThan(0);
  });

  it('a partitioned replica is stalled within twice the threshold while its walsender still says streaming, then disconnected; healed, it streams', async () => {
    await labSql('pg1', "ALTER SYSTEM SET wal_sender_timeout = '15s'");
    await labSql('pg1', 'SELECT pg_reload_conf()');
    try {
      const cutAt = Date.now();
      await partition('pg2');
      const stalled = await nextTick((t) => replica(t, 'pg2')?.status === 'stalled', 4 * STALL_MS + 10_000, 'with pg2 stalled');
      expect(stalled.at.getTime() - cutAt).toBeLessThanOrEqual(2 * STALL_MS + 1_000);
      expect(replica(stalled, 'pg2')?.state).toBe('streaming');
      const disconnected = await nextTick((t) => replica(t, 'pg2')?.status === 'disconnected', 45_000, 'with pg2 disconnected');
      expect(replica(disconnected, 'pg2')?.state).toBeNull();
      expect(replica(disconnected, 'pg3')?.status).toBe('streaming');
      await heal('pg2');
      await nextTick((t) => replica(t, 'pg2')?.status === 'streaming', 90_000, 'with pg2 streaming after heal');
    } finally {
      await heal('pg2').catch(() => undefined);
      await labSql('pg1', 'ALTER SYSTEM RESET wal_sender_timeout');
      await labSql('pg1', 'SELECT pg_reload_conf()');
    }
    const statuses = await (await db()).lagSample.findMany({ where: { clusterId, hostId: hostIds.pg2 }, select: { status: true }, distinct: ['status'] });
    expect(statuses.map((row) => row.status)).toEqual(expect.arrayContaining(['stalled', 'disconnected', 'streaming']));
  }, 180_000);

  it('a stopped primary is reported unreachable with the reason within a few ticks, and answers again after restart', async () => {
    const errorsBefore = pollErrorCounts().get(clusterId) ?? 0;
    await pgStop('pg1');
    try {
      const down = await nextTick((t) => t.members.some((m) => m.hostId === hostIds.pg1 && !m.reachable), 10_000, 'with pg1 unreachable');
      expect(down.members.find((m) => m.hostId === hostIds.pg1)?.error).toMatch(/\S/);
      expect(down.primaryLsn).toBeNull();
      expect(pollErrorCounts().get(clusterId) ?? 0).toBeGreaterThan(errorsBefore);
    } finally {
      await pgStart('pg1');
    }
    const back = await nextTick((t) => t.members.every((m) => m.reachable) && t.replicas.every((r) => r.status === 'streaming'), 60_000, 'with pg1 back and both streaming');
    expect(back.writableHostIds).toEqual([hostIds.pg1]);
  }, 90_000);

  it('enable-monitoring recreates a dropped role and grants, leaves one pg_hba line per member, and polling resumes', async () => {
    await (await db()).cluster.update({ where: { id: clusterId }, data: { monitorRole: null } });
    await refreshPoller();
    await labSql('pg1', 'DROP OWNED BY tandem_monitor; DROP ROLE tandem_monitor');
    const claim = await runner.startOperation(enableMonitoringKind, { params: {}, clusterId, reason: 'lab', actor: { id: null, email: 'lab@example.com', clientAddress: null } });
    if (!claim.ok) throw new Error(claim.message);
    const result = await runner.waitForOperation(claim.operationId);
    const steps = await (await db()).operationStep.findMany({ where: { operationId: claim.operationId }, orderBy: { position: 'asc' }, select: { name: true, status: true, commands: true } });
    expect(result?.status, JSON.stringify(steps)).toBe('succeeded');
    expect(steps.filter((step) => /pg_hba/.test(step.name)).map((step) => step.status)).toEqual(['skipped', 'skipped', 'skipped']);
    expect(JSON.stringify(steps)).not.toContain((await (await db()).cluster.findUniqueOrThrow({ where: { id: clusterId }, select: { monitorSecret: true } })).monitorSecret);
    for (const host of ['pg1', 'pg2', 'pg3']) {
      expect((await labSsh(host, `grep -c tandem-monitor:orders ${labClusterPaths(host).configDirectory}/pg_hba.conf`)).stdout.trim()).toBe('1');
    }
    await refreshPoller();
    await nextTick((t) => t.replicas.length === 2 && t.replicas.every((r) => r.status === 'streaming' && r.heartbeatLagMs !== null), 20_000, 'with polling resumed');
  }, 90_000);
});
