import { beforeAll, describe, expect, it } from 'vitest';
import type { BackupEntry, StanzaInfo } from '@/lib/backup/info';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'e'.repeat(64);

const { db } = await import('./client');
const { markBackupsEnabled, saveBackupPlan, saveCatalog } = await import('./backups');
const { readBackupsView } = await import('./backups-read');
const { loadBackupHealth, saveRepositorySample } = await import('./backup-health');

const backup = (label: string, type: BackupEntry['type'], startedAt: string, stoppedAt: string, error = false): BackupEntry => ({
  label, type, repository: 1, startedAt, stoppedAt, sizeBytes: 1000, deltaBytes: 100, repositorySizeBytes: 300, repositoryDeltaBytes: 30,
  walStart: '000000010000000000000003', walStop: '000000010000000000000004', lsnStart: '0/3000028', lsnStop: '0/4000050', prior: null, error,
});
const info: StanzaInfo = {
  name: 'orders', status: { code: 0, message: 'ok' }, backupRunning: false, systemIds: ['7300000000000000001'],
  repositories: [{ key: 1, code: 0, message: 'ok', cipher: 'none' }], archives: [],
  backups: [
    backup('20261201-100000F', 'full', '2026-12-01T10:00:00.000Z', '2026-12-01T10:05:00.000Z'),
    backup('20261201-100000F_20261202-100000I', 'incr', '2026-12-02T10:00:00.000Z', '2026-12-02T10:01:00.000Z'),
    backup('20261201-100000F_20261203-100000I', 'incr', '2026-12-03T10:00:00.000Z', '2026-12-03T10:01:00.000Z', true),
  ],
};
const SECRETS = ['AKIA-SECRET-KEY', 'the-s3-secret-value', 'a passphrase of twenty and more'];
let clusterId = 0;
const hosts: Record<string, number> = {};

beforeAll(async () => {
  const prisma = await db();
  for (const name of ['pg1', 'pg2', 'repo', 'spare']) hosts[name] = (await prisma.host.create({ data: { name, sshAddress: `10.0.0.${Object.keys(hosts).length + 1}`, authMethod: 'key', sshSecret: 'x' }, select: { id: true } })).id;
  clusterId = (await prisma.cluster.create({ data: { name: 'orders', status: 'active' }, select: { id: true } })).id;
  await prisma.clusterMember.create({ data: { clusterId, hostId: hosts.pg1 ?? 0, role: 'primary', applicationName: 'pg1' } });
  const other = (await prisma.cluster.create({ data: { name: 'billing', status: 'active' }, select: { id: true } })).id;
  await prisma.clusterMember.create({ data: { clusterId: other, hostId: hosts.pg2 ?? 0, role: 'primary', applicationName: 'pg2' } });
  await saveBackupPlan(clusterId, 'orders', {
    compressType: 'lz4', processMax: 3, backupStandby: false, fullEveryHours: 168, diffEveryHours: 0, incrEveryHours: 2, scheduleOn: false,
    smokeTestSql: 'SELECT 1', drillHostId: hosts.spare ?? null, drillEveryDays: 7,
    repositories: [
      { number: 1, kind: 'host', hostId: hosts.repo ?? null, path: '/var/lib/pgbackrest', s3: null, retentionFull: 2, retentionFullType: 'count' },
      {
        number: 2, kind: 's3', hostId: null, path: '/orders', s3: { endpoint: 's3.example.com', port: 443, bucket: 'b-1', region: 'us-east-1', pathStyle: true, verifyTls: true, caCertificate: null },
        s3Key: SECRETS[0], s3Secret: SECRETS[1], cipherPass: SECRETS[2], retentionFull: 30, retentionFullType: 'time',
      },
    ],
  }, { actorId: null, actorEmail: 'a@example.com', clientAddress: null, actorVia: null });
  await saveCatalog(clusterId, info);
  const run = (kind: string, status: 'succeeded' | 'failed', finishedAt: string, metrics: Record<string, number>) =>
    prisma.operation.create({ data: { clusterId, kind, status, requestedBy: 'a@example.com', reason: kind, metrics, createdAt: new Date(finishedAt), finishedAt: new Date(finishedAt) } });
  await run('restore-drill', 'succeeded', '2026-12-02T12:00:00.000Z', { rtoMs: 42_000, rpoMs: 1200 });
  await run('restore-drill', 'failed', '2026-12-02T13:00:00.000Z', { rtoMs: 1 });
  await run('restore-drill', 'succeeded', '2026-12-01T12:00:00.000Z', { rtoMs: 40_000 });
  await run('backup', 'succeeded', '2026-12-02T10:01:00.000Z', { backupMs: 60_000, sizeBytes: 1000 });
  await run('switchover', 'succeeded', '2026-12-02T11:00:00.000Z', {});
});

describe('the Backups tab reader', () => {
  it('gives the settings with only whether each secret is stored, never a sealed or open value', async () => {
    const view = await readBackupsView(clusterId);
    expect(view.settings).toMatchObject({ stanza: 'orders', compressType: 'lz4', processMax: 3, drillHostId: hosts.spare, enabledAt: null });
    expect(view.settings?.repositories.map((repository) => [repository.number, repository.kind, repository.hostName, repository.stored])).toEqual([
      [1, 'host', 'repo', { s3Key: false, s3Secret: false, cipherPass: false }],
      [2, 's3', null, { s3Key: true, s3Secret: true, cipherPass: true }],
    ]);
    const sealed = await (await db()).backupRepository.findFirstOrThrow({ where: { clusterId, number: 2 }, select: { s3KeySecret: true, cipherPassSecret: true } });
    const text = JSON.stringify(view);
    for (const secret of [...SECRETS, sealed.s3KeySecret, sealed.cipherPassSecret]) expect(text).not.toContain(secret);
  });

  it('lists backups newest first, the window from the oldest good backup to the newest, and only backup operations', async () => {
    const view = await readBackupsView(clusterId);
    expect(view.catalog?.backups.map((entry) => entry.label)).toEqual(['20261201-100000F_20261203-100000I', '20261201-100000F_20261202-100000I', '20261201-100000F']);
    expect(view.window).toEqual({ earliest: '2026-12-01T10:05:00.000Z', latest: '2026-12-02T10:01:00.000Z' });
    expect(view.runs.map((run) => run.kind)).toEqual(['backup', 'restore-drill', 'restore-drill', 'restore-drill']);
    expect(view.runs[0]?.metrics).toEqual({ backupMs: 60_000, sizeBytes: 1000 });
  });

  it('charts the drills that passed, oldest first, and says which hosts serve in a cluster', async () => {
    const view = await readBackupsView(clusterId);
    expect(view.drills.map((point) => [new Date(point.at).toISOString(), point.rtoMs])).toEqual([['2026-12-01T12:00:00.000Z', 40_000], ['2026-12-02T12:00:00.000Z', 42_000]]);
    expect(view.hosts.map((host) => [host.name, host.memberOf, host.inThisCluster])).toEqual([['pg1', 'orders', true], ['pg2', 'billing', false], ['repo', null, false], ['spare', null, false]]);
  });

  it('reads a cluster without backups as empty', async () => {
    const prisma = await db();
    const bare = (await prisma.cluster.create({ data: { name: 'bare', status: 'active' }, select: { id: true } })).id;
    expect(await readBackupsView(bare)).toMatchObject({ settings: null, catalog: null, window: null, runs: [], drills: [] });
  });
});

describe('repository space on the Backups tab', () => {
  const GIB = 1024 ** 3;

  it("gives a repository host repository its newest reading and the last week's forecast, and object storage none", async () => {
    const now = new Date();
    const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
    await saveRepositorySample(clusterId, 1, hoursAgo(10 * 24), { freeBytes: 1, totalBytes: 200 * GIB, usedBytes: null });
    for (let hours = 48; hours >= 0; hours -= 1) await saveRepositorySample(clusterId, 1, hoursAgo(hours), { freeBytes: 100 * GIB - (48 - hours) * (GIB / 16), totalBytes: 200 * GIB, usedBytes: hours === 0 ? null : 7 * GIB });
    expect((await readBackupsView(clusterId)).spaces).toEqual([
      {
        kind: 'host', repository: 1, hostName: 'repo', path: '/var/lib/pgbackrest', latest: { at: now.toISOString(), freeBytes: 97 * GIB, totalBytes: 200 * GIB, usedBytes: null },
        forecast: { growthBytesPerDay: expect.closeTo(1.5 * GIB, -2) as number, daysToFull: expect.closeTo(97 / 1.5, 3) as number },
      },
      { kind: 's3', repository: 2, path: '/orders' },
    ]);
  });
});

describe('the backups\' health, as the alerts read it', () => {
  it('reads nothing while backups are not enabled', async () => {
    expect(await loadBackupHealth(clusterId, new Date())).toBeNull();
  });

  it("gives the newest drill that passed or failed (by when it was asked for), the last that passed, the drill schedule, and the tab's repository space", async () => {
    await markBackupsEnabled(clusterId);
    const health = await loadBackupHealth(clusterId, new Date());
    expect(health?.drills).toEqual({
      drillHostId: hosts.spare, drillEveryDays: 7, enabledAt: expect.any(Date) as Date,
      latest: { operationId: expect.any(Number) as number, passed: false, at: new Date('2026-12-02T13:00:00.000Z'), outcome: null },
      lastPassedAt: new Date('2026-12-02T12:00:00.000Z'),
    });
    expect(health?.repositories).toEqual((await readBackupsView(clusterId)).spaces);
  });
});
