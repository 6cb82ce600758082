import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'd'.repeat(64);

const { db } = await import('@/lib/db/client');
const { GET } = await import('@/app/api/metrics/route');
const { generateMetricsToken, hashMetricsToken } = await import('./token');
const { storeMetricsTokenHash } = await import('./token-store');
const { registerPollErrorSource } = await import('./poll-errors');

const token = generateMetricsToken();
let mainId = 0;
const now = Date.now();
const scrape = (authorization?: string) => GET(new Request('http://localhost/api/metrics', { headers: authorization ? { authorization } : {} }));

/** `promtool check metrics` reads the exposition on stdin; exit 0 means it parses and passes the lint. */
function promtool(text: string) {
  const result = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

beforeAll(async () => {
  const prisma = await db();
  const cluster = await prisma.cluster.create({ data: { name: 'main "east"' }, select: { id: true } });
  mainId = cluster.id;
  await prisma.cluster.create({ data: { name: 'quiet' }, select: { id: true } });
  const host = (name: string) => prisma.host.create({ data: { name, sshAddress: '10.88.0.12', authMethod: 'key', sshSecret: 'sealed' }, select: { id: true } });
  const pg1 = await host('pg1');
  const pg2 = await host('pg2');
  const pg3 = await host('pg3');
  // pg1 archives (the latest reading counts, an older one does not), pg2 never archived, before PostgreSQL 12 (no .ready count).
  await prisma.$executeRaw`INSERT INTO archive_samples ("clusterId", "hostId", "at", "failedCount", "lastArchivedAt", "readySegments", "walDirectoryBytes") VALUES
    (${cluster.id}, ${pg1.id}, ${new Date(now - 2000)}, 2, ${new Date(now - 60_000)}, 1, 1073741824),
    (${cluster.id}, ${pg1.id}, ${new Date(now - 1000)}, 3, ${new Date(now - 91_000)}, 24, 1610612736),
    (${cluster.id}, ${pg2.id}, ${new Date(now - 1000)}, 0, NULL, NULL, 536870912)`;
  const base = { clusterId: cluster.id, state: 'streaming', syncState: 'async' };
  await prisma.lagSample.createMany({
    data: [
      { ...base, hostId: pg2.id, at: new Date(now - 2000), status: 'catching up', sentBytes: 9n, writeBytes: 9n, flushBytes: 9n, replayBytes: 9n, replayLagMs: 4000 },
      { ...base, hostId: pg2.id, at: new Date(now - 1000), status: 'streaming', sentBytes: 0n, writeBytes: 0n, flushBytes: 1024n, replayBytes: 20_000_000n, writeLagMs: null, flushLagMs: 12, replayLagMs: 1500, heartbeatLagMs: 1700, replyAgeMs: 300 },
      { ...base, hostId: pg3.id, at: new Date(now - 1000), status: 'disconnected', state: null },
      { ...base, hostId: pg3.id, at: new Date(now - 3_600_000), status: 'streaming', replayBytes: 5n },
    ],
  });
  await prisma.slotSample.createMany({
    data: [
      { clusterId: cluster.id, at: new Date(now - 1000), slotName: 'pg2', active: true, retainedBytes: 4096n, walStatus: 'reserved', safeWalSize: 1_000_000n, diskFreeBytes: 50_000_000_000n },
      { clusterId: cluster.id, at: new Date(now - 1000), slotName: 'pg3', active: false, retainedBytes: 90_000_000n, walStatus: 'extended', diskFreeBytes: 50_000_000_000n },
    ],
  });
  // repo1: the newest reading counts (du gave no answer then); a reading over half an hour old is not exported.
  await prisma.backupRepositorySample.createMany({
    data: [
      { clusterId: cluster.id, repository: 1, at: new Date(now - 20 * 60_000), freeBytes: 6_000_000_000n, totalBytes: 10_000_000_000n, usedBytes: 3_000_000_000n },
      { clusterId: cluster.id, repository: 1, at: new Date(now - 60_000), freeBytes: 5_000_000_000n, totalBytes: 10_000_000_000n, usedBytes: null },
      { clusterId: cluster.id, repository: 3, at: new Date(now - 40 * 60_000), freeBytes: 1n, totalBytes: 2n, usedBytes: 1n },
    ],
  });
  // A drill passed, then a later one failed; a cancelled one after it says neither.
  const drill = (status: 'succeeded' | 'failed' | 'cancelled', minutesAgo: number) => ({
    clusterId: cluster.id, kind: 'restore-drill', status, requestedBy: 'schedule', createdAt: new Date(now - minutesAgo * 60_000 - 600_000), finishedAt: new Date(now - minutesAgo * 60_000),
  });
  await prisma.operation.createMany({ data: [drill('succeeded', 120), drill('failed', 60), drill('cancelled', 30)] });
  await prisma.alertEvent.create({ data: { clusterId: cluster.id, key: 'replica_down:critical:host:3', metric: 'replica_down', severity: 'critical', summary: 'pg3 is disconnected' } });
  await storeMetricsTokenHash(prisma, hashMetricsToken(token), new Date());
}, 60_000);

describe('/api/metrics', { timeout: 30_000 }, () => {
  it.each([
    ['without a token', undefined],
    ['with a wrong token', 'Bearer tdm_not-the-token'],
    ['with the hash instead of the token', `Bearer ${hashMetricsToken(token)}`],
  ])('refuses a request %s (401, nothing exported)', async (_label, header) => {
    const response = await scrape(header);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await response.text()).not.toContain('tandem_');
  });

  it('exports the latest sample per replica and slot in a format promtool accepts', async () => {
    registerPollErrorSource(() => new Map([[mainId, 4]]));
    const response = await scrape(`Bearer ${token}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    const check = promtool(text);
    expect(check.output).toBe('');
    expect(check.status).toBe(0);
    const lines = text.split('\n');
    const has = (line: string) => expect(lines).toContain(line);
    has('tandem_replica_lag_bytes{cluster="main \\"east\\"",replica="pg2",position="replay"} 20000000');
    has('tandem_replica_lag_bytes{cluster="main \\"east\\"",replica="pg2",position="flush"} 1024');
    has('tandem_replica_lag_seconds{cluster="main \\"east\\"",replica="pg2",position="replay"} 1.5');
    has('tandem_replica_lag_seconds{cluster="main \\"east\\"",replica="pg2",position="flush"} 0.012');
    expect(text).not.toMatch(/tandem_replica_lag_seconds\{[^}]*position="write"/);
    has('tandem_replica_heartbeat_lag_seconds{cluster="main \\"east\\"",replica="pg2"} 1.7');
    has('tandem_replica_reply_age_seconds{cluster="main \\"east\\"",replica="pg2"} 0.3');
    has('tandem_replica_status{cluster="main \\"east\\"",replica="pg2",status="streaming"} 1');
    has('tandem_replica_status{cluster="main \\"east\\"",replica="pg2",status="catching up"} 0');
    has('tandem_replica_status{cluster="main \\"east\\"",replica="pg3",status="disconnected"} 1');
    expect(text).not.toMatch(/tandem_replica_lag_bytes\{[^}]*replica="pg3"/);
    has('tandem_slot_retained_bytes{cluster="main \\"east\\"",slot="pg3"} 90000000');
    has('tandem_slot_wal_status{cluster="main \\"east\\"",slot="pg3",wal_status="extended"} 1');
    has('tandem_slot_active{cluster="main \\"east\\"",slot="pg3"} 0');
    has('tandem_primary_disk_free_bytes{cluster="main \\"east\\""} 50000000000');
    has('tandem_archive_failed_total{cluster="main \\"east\\"",member="pg1"} 3');
    has('tandem_archive_failed_total{cluster="main \\"east\\"",member="pg2"} 0');
    has('tandem_archive_last_archived_age_seconds{cluster="main \\"east\\"",member="pg1"} 90');
    expect(text).not.toMatch(/tandem_archive_last_archived_age_seconds\{[^}]*member="pg2"/);
    has('tandem_archive_ready_segments{cluster="main \\"east\\"",member="pg1"} 24');
    expect(text).not.toMatch(/tandem_archive_ready_segments\{[^}]*member="pg2"/);
    has('tandem_wal_directory_bytes{cluster="main \\"east\\"",member="pg1"} 1610612736');
    has('tandem_wal_directory_bytes{cluster="main \\"east\\"",member="pg2"} 536870912');
    has('tandem_backup_repository_free_bytes{cluster="main \\"east\\"",repository="repo1"} 5000000000');
    has('tandem_backup_repository_total_bytes{cluster="main \\"east\\"",repository="repo1"} 10000000000');
    expect(text).not.toMatch(/tandem_backup_repository_used_bytes\{/);
    expect(text).not.toMatch(/repository="repo3"/);
    has(`tandem_restore_drill_last_passed_timestamp_seconds{cluster="main \\"east\\""} ${(now - 120 * 60_000) / 1000}`);
    has('tandem_restore_drill_last_failed{cluster="main \\"east\\""} 1');
    expect(text).not.toMatch(/tandem_restore_drill_last_failed\{cluster="quiet"/);
    has('tandem_alerts_open{cluster="main \\"east\\"",severity="critical"} 1');
    has('tandem_alerts_open{cluster="quiet",severity="warning"} 0');
    has('tandem_poll_errors_total{cluster="main \\"east\\""} 4');
    has('tandem_poll_errors_total{cluster="quiet"} 0');
  });

  it('leaves poll errors out when this instance does not poll', async () => {
    registerPollErrorSource(null);
    const text = await (await scrape(`Bearer ${token}`)).text();
    expect(text).not.toContain('tandem_poll_errors_total');
    expect(promtool(text).status).toBe(0);
  });
});
