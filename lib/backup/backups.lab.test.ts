import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labExec, labPsqlInside, labSql, labSsh, labUp, readLabState, startHost, stopHost } from '@/lab/client';
import { LAB_S3_KEY, LAB_S3_SECRET, startLabS3, type LabS3 } from '@/lab/s3';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'c'.repeat(64);

const { waitForOperation } = await import('@/lib/operations/runner');
const { getSshPool } = await import('@/lib/ssh/pool');
const { registerLabHosts, labActor, labSetupForm, startLabSetup } = await import('@/lib/setup/testing/lab-fixture');
const { operationRow, waitReplayed } = await import('@/lib/failover/testing/promote-fixture');
const { saveBackupPlan, loadCatalog } = await import('@/lib/db/backups');
const { saveDiscovery } = await import('@/lib/db/discovery');
const { loadHostTarget } = await import('@/lib/db/hosts');
const { discoverHost } = await import('@/lib/discovery/discover-host');
const { requestEnableBackups } = await import('@/lib/operations/enable-backups/request');
const { requestBackup } = await import('@/lib/operations/backup/request');
const { requestRestore } = await import('@/lib/operations/restore/request');
const { requestSwitchover } = await import('@/lib/operations/switchover/request');
const { runSchedulePass } = await import('@/lib/operations/backup/scheduler');
const { requestAddReplica } = await import('@/lib/operations/add-replica/request');
const { requestPromote } = await import('@/lib/operations/promote/request');
const { requestRejoin } = await import('@/lib/operations/rejoin/request');
const { requestReplaceCluster } = await import('@/lib/operations/restore/replace-request');
const { loadBackupHealth } = await import('@/lib/db/backup-health');
const { promoteRequest } = await import('@/lib/failover/testing/promote-fixture');
const { db } = await import('@/lib/db/client');
const { startPoller, stopPoller } = await import('@/lib/monitor/poller');
const { startAlerting, stopAlerting } = await import('@/lib/alerts/alerting');

/** Asks `probe` every 500 ms until it returns a value, or fails naming `what`. */
async function waitFor<T>(probe: () => Promise<T | null | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined && value !== null) return value;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${what} within ${timeoutMs} ms`);
}

const actor = { ...labActor, via: null };

async function succeeded(started: { ok: true; operationId: number } | { ok: false; message: string }) {
  if (!started.ok) throw new Error(started.message);
  const result = await waitForOperation(started.operationId);
  const row = await operationRow(started.operationId);
  expect(result?.status, JSON.stringify(row.steps.filter((step) => step.status === 'failed'))).toBe('succeeded');
  return row;
}


/** Runs `before` on `host`, notes the time there, and a second later runs `after`: a restore to that time finds `before` done and `after` not. */
async function timeBetween(host: string, before: string, after: string): Promise<string> {
  await labSql(host, before);
  const target = new Date(Number(await labSql(host, 'SELECT extract(epoch FROM clock_timestamp())')) * 1000).toISOString();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await labSql(host, after);
  return target;
}

/** Waits for the operation to succeed while counting, every 200 ms, the walsenders `primary` runs for a base backup (the most seen at once). */
async function watchingBackupSenders(primary: string, started: { ok: true; operationId: number } | { ok: false; message: string }) {
  if (!started.ok) throw new Error(started.message);
  let backupSenders = 0;
  const watch = setInterval(() => {
    void labSql(primary, "SELECT count(*) FROM pg_stat_replication WHERE state = 'backup'").then((count) => { backupSenders = Math.max(backupSenders, Number(count)); }, () => undefined);
  }, 200);
  try {
    return { row: await succeeded(started), backupSenders };
  } finally {
    clearInterval(watch);
  }
}

describe('backups with pgBackRest: a repository host and S3, point-in-time restore, drills, across a failover', () => {
  let clusterId = 0;
  let hostIds: Record<string, number> = {};
  let s3: LabS3 | null = null;
  let planInput: (key: string, bucket?: string) => Parameters<typeof saveBackupPlan>[2] = () => { throw new Error('no plan yet'); };
  const audited = { actorId: null, actorEmail: actor.email, clientAddress: null, actorVia: null };

  beforeAll(async () => {
    await labUp(4);
    const server = await startLabS3({ gateway: readLabState().gateway, port: 9443, bucket: 'tandem-backups' });
    s3 = server;
    hostIds = await registerLabHosts(['pg1', 'pg2', 'pg3', 'pg4']);
    for (const name of ['pg3', 'pg4']) {
      const id = hostIds[name] ?? 0;
      const host = await loadHostTarget(id);
      if (!host) throw new Error(`no ${name}`);
      await saveDiscovery(id, await discoverHost(host.target, host.pgPort));
    }
    const setup = await startLabSetup(labSetupForm(hostIds.pg1 ?? 0, [hostIds.pg2 ?? 0]));
    const result = await waitForOperation(setup.operationId);
    if (result?.status !== 'succeeded') throw new Error(`setup ${result?.status}: ${result?.outcome}`);
    clusterId = setup.clusterId;
    planInput = (key: string, bucket = server.bucket) => ({
      compressType: 'zst', processMax: 2, backupStandby: false, fullEveryHours: 168, diffEveryHours: 24, incrEveryHours: 1, scheduleOn: false,
      smokeTestSql: '', drillHostId: hostIds.pg3 ?? null, drillEveryDays: 0,
      repositories: [
        { number: 1, kind: 'host', hostId: hostIds.pg4 ?? null, path: '/var/lib/pgbackrest', s3: null, retentionFull: 2, retentionFullType: 'count' },
        {
          number: 2, kind: 's3', hostId: null, path: '/orders', s3: { endpoint: server.endpoint, port: server.port, bucket, region: 'us-east-1', pathStyle: true, verifyTls: true, caCertificate: server.caPem },
          s3Key: key, s3Secret: LAB_S3_SECRET, cipherPass: 'lab passphrase of the S3 repository', retentionFull: 2, retentionFullType: 'count',
        },
      ],
    });
    await saveBackupPlan(clusterId, 'orders', planInput('WRONGKEY'), audited);
  }, 600_000);

  afterAll(async () => {
    getSshPool().closeAll();
    // PostgreSQL first: with the S3 endpoint gone, archive-push would hold up its shutdown.
    await labUp(3, { fresh: true }).catch(() => undefined);
    await s3?.close();
  }, 300_000);

  it('refuses to restart without consent, then enables backups: archiving into both repositories and a first full backup in each', async () => {
    const refused = await requestEnableBackups(clusterId, false, actor);
    expect(refused).toEqual({ ok: false, message: expect.stringMatching(/archive_mode is off on pg1, pg2; turning it on takes a restart/) });
    expect(await labSql('pg1', "SELECT current_setting('archive_mode')")).toBe('off');

    // A key the object storage refuses fails at the first step that reaches it, before any host's files or settings change.
    const wrongKey = await requestEnableBackups(clusterId, true, actor);
    if (!wrongKey.ok) throw new Error(wrongKey.message);
    expect((await waitForOperation(wrongKey.operationId))?.status).toBe('failed');
    const unreached = (await operationRow(wrongKey.operationId)).steps.find((step) => step.status === 'failed');
    expect(unreached?.name).toBe('Reach repo2 (tandem-backups at lab-gateway)');
    expect(unreached?.outcome).toMatch(/the object storage refused the key and secret: check them/);
    expect(JSON.stringify(await operationRow(wrongKey.operationId))).not.toContain('WRONGKEY');
    expect((await labExec('pg1', ['test', '-e', '/etc/pgbackrest/conf.d/tandem-orders.conf'])).code).toBe(1);
    expect(await labSql('pg1', "SELECT current_setting('archive_mode')")).toBe('off');
    // pgbackrest of another version on pg2 (a script over the binary, in pg2's own mount namespace), then none there: refused at the first step, nothing written.
    const versionFailure = async (binary: string) => {
      const over = await labExec('pg2', ['sh', '-c', `set -e; ${binary}; mount --bind /run/tandem-pgbackrest /usr/bin/pgbackrest`]);
      expect(over.code, over.stderr).toBe(0);
      try {
        const started = await requestEnableBackups(clusterId, true, actor);
        if (!started.ok) throw new Error(started.message);
        expect((await waitForOperation(started.operationId))?.status).toBe('failed');
        return (await operationRow(started.operationId)).steps.find((step) => step.status === 'failed');
      } finally {
        await labExec('pg2', ['umount', '/usr/bin/pgbackrest']);
      }
    };
    const otherVersion = await versionFailure(`printf '#!/bin/sh\\necho "pgBackRest 2.55.1"\\n' > /run/tandem-pgbackrest; chmod 0755 /run/tandem-pgbackrest`);
    expect(otherVersion?.name).toBe('Check pgBackRest on pg1, pg2, pg4');
    expect(otherVersion?.outcome).toMatch(/pgBackRest differs between hosts \(pg1 2\.\d+(\.\d+)?, pg2 2\.55\.1, pg4 2\.\d+(\.\d+)?\): pgBackRest refuses a peer of another version/);
    const none = await versionFailure(': > /run/tandem-pgbackrest; chmod 0644 /run/tandem-pgbackrest');
    expect(none?.outcome).toMatch(/pgBackRest is not installed on pg2: install it there \(apt-get install pgbackrest\)/);
    expect((await labExec('pg2', ['test', '-e', '/etc/pgbackrest/conf.d/tandem-orders.conf'])).code).toBe(1);
    // A bucket that does not exist: Tandem never creates one, and says so.
    await saveBackupPlan(clusterId, 'orders', planInput(LAB_S3_KEY, 'no-such-bucket'), audited);
    const noBucket = await requestEnableBackups(clusterId, true, actor);
    if (!noBucket.ok) throw new Error(noBucket.message);
    expect((await waitForOperation(noBucket.operationId))?.status).toBe('failed');
    const missing = (await operationRow(noBucket.operationId)).steps.find((step) => step.status === 'failed');
    expect(missing?.name).toBe('Reach repo2 (no-such-bucket at lab-gateway)');
    expect(missing?.outcome).toMatch(/the bucket does not exist at that endpoint: create it \(Tandem never creates buckets\)/);
    expect(await labSql('pg1', "SELECT current_setting('archive_mode')")).toBe('off');
    await saveBackupPlan(clusterId, 'orders', planInput(LAB_S3_KEY), audited);

    const row = await succeeded(await requestEnableBackups(clusterId, true, actor));
    expect(row.steps.map((step) => step.name)).toContain('SSH trust between pg4 and pg1');
    expect(JSON.stringify(row)).not.toContain('lab passphrase');
    expect(Number(await labSql('pg1', 'SELECT archived_count FROM pg_stat_archiver'))).toBeGreaterThan(0);
    expect(await labSql('pg2', "SELECT current_setting('archive_command')")).toBe('pgbackrest --stanza=orders archive-push %p');
    const catalog = await loadCatalog(clusterId);
    expect(catalog?.info.backups.map((backup) => [backup.repository, backup.type])).toEqual([[1, 'full'], [2, 'full']]);
    expect(catalog?.info.repositories.map((repository) => repository.cipher)).toEqual(['none', 'aes-256-cbc']);
    const known = await labExec('pg1', ['cat', '/var/lib/postgresql/.ssh/known_hosts']);
    expect(known.stdout).toMatch(/^10\.88\.0\.14 ssh-ed25519 \S+ tandem-pgbackrest:orders:pg4$/m);
    const client = await labExec('pg1', ['cat', '/var/lib/postgresql/.ssh/config']);
    expect(client.stdout).toContain('# tandem-pgbackrest:orders:pg4 begin\nHost 10.88.0.14\n    ConnectTimeout 10\n');
  }, 600_000);

  it('takes an incremental backup into the repository host, listed with its size and WAL range', async () => {
    await labSql('pg1', 'CREATE TABLE bulk AS SELECT g AS id, md5(g::text) AS pad FROM generate_series(1, 50000) g');
    const row = await succeeded(await requestBackup(clusterId, 'incr', 1, actor));
    expect(row.steps[0]?.outcome).toMatch(/^Backup \d{8}-\d{6}F_\d{8}-\d{6}I \(incr\) in repo1: \d+ bytes copied/);
    const incr = (await loadCatalog(clusterId))?.info.backups.find((backup) => backup.type === 'incr');
    expect(incr?.repositoryDeltaBytes).toBeGreaterThan(0);
    expect(incr?.walStart).toMatch(/^[0-9A-F]{24}$/);
  }, 300_000);

  it('with the repository host\'s file system full, a backup fails with the reason and the repository is as it was', async () => {
    const backups = '/var/lib/pgbackrest/backup/orders';
    const before = await labExec('pg4', ['sh', '-c', `ls ${backups}`]);
    // A file system just larger than what the stanza's backups hold now, over them (a copy, so unmounting puts the real one back).
    const full = await labExec('pg4', ['sh', '-c', `set -e; kb=$(du -sk ${backups} | cut -f 1); mkdir -p /run/tandem-full; mount -t tmpfs -o size=$((kb + 512))k tmpfs /run/tandem-full; cp -a ${backups}/. /run/tandem-full/; mount --bind /run/tandem-full ${backups}`]);
    expect(full.code, full.stderr).toBe(0);
    try {
      const started = await requestBackup(clusterId, 'full', 1, actor);
      if (!started.ok) throw new Error(started.message);
      expect((await waitForOperation(started.operationId))?.status).toBe('failed');
      const failed = (await operationRow(started.operationId)).steps.find((step) => step.status === 'failed');
      expect(failed?.name).toBe('Take a full backup into repo1');
      // Whatever pgBackRest's last line says, the file system was read once it failed, and the figures name it.
      expect(failed?.outcome, failed?.outputTail).toMatch(/the repository's file system is full: free space or lower the retention, then start again \(\d[\d.]* (B|KiB|MiB) free of [\d.]+ [KM]iB at \/var\/lib\/pgbackrest\/backup\/orders on pg4\)/);
    } finally {
      await labExec('pg4', ['sh', '-c', `umount ${backups}; umount /run/tandem-full`]);
    }
    expect((await labExec('pg4', ['sh', '-c', `ls ${backups}`])).stdout).toBe(before.stdout);
  }, 300_000);

  it('the schedule starts the backup that is due, recorded as the schedule', async () => {
    await (await db()).backupPlan.update({ where: { clusterId }, data: { scheduleOn: true } });
    // A backup taken outside Tandem, by hand on the repository host.
    const outside = await labSsh('pg4', 'cd / && runuser -u pgbackrest -- pgbackrest --stanza=orders --repo=1 --type=diff backup');
    expect(outside.code, outside.stderr).toBe(0);
    const before = await (await db()).operation.count({ where: { kind: 'backup' } });
    // Two hours on, the hourly incremental of repo1 is due (the backups above are older than that then), and the catalog is read again first.
    await runSchedulePass(new Date(Date.now() + 2 * 3_600_000));
    expect((await loadCatalog(clusterId))?.info.backups.filter((backup) => backup.type === 'diff')).toHaveLength(1);
    // The catalog read also read repo1's file system on the repository host (df as root there).
    const sample = await (await db()).backupRepositorySample.findFirst({ where: { clusterId, repository: 1 }, orderBy: { at: 'desc' } });
    const df = (await labExec('pg4', ['df', '-PB1', '--', '/var/lib/pgbackrest'])).stdout.trim().split('\n')[1]?.trim().split(/\s+/) ?? [];
    expect(Number(sample?.totalBytes)).toBe(Number(df[1]));
    expect(Math.abs(Number(sample?.freeBytes) - Number(df[3]))).toBeLessThan(1024 ** 3);
    expect(Number(sample?.usedBytes)).toBeGreaterThan(0);
    const scheduled = await (await db()).operation.findFirst({ where: { kind: 'backup' }, orderBy: { id: 'desc' }, select: { id: true, requestedBy: true, params: true } });
    expect(await (await db()).operation.count({ where: { kind: 'backup' } })).toBe(before + 1);
    expect(scheduled?.params).toMatchObject({ type: 'incr', repository: 1, scheduled: true });
    expect(scheduled?.requestedBy).toBe('schedule');
    expect((await waitForOperation(scheduled?.id ?? 0))?.status).toBe('succeeded');
    await (await db()).backupPlan.update({ where: { clusterId }, data: { scheduleOn: false } });
  }, 300_000);

  it('restores to a time before a dropped table onto a spare host: the table is back, later rows are not', async () => {
    const target = await timeBetween('pg1', 'CREATE TABLE precious (id int PRIMARY KEY); INSERT INTO precious SELECT generate_series(1, 100)', 'DROP TABLE precious; CREATE TABLE after_drop AS SELECT 1 AS id');

    const outside = await requestRestore(clusterId, { hostId: hostIds.pg3 ?? 0, target: { kind: 'time', time: '2001-01-01T00:00:00Z' }, action: 'pause', repository: null, confirm: 'pg3', reason: 'lab' }, actor);
    expect(outside).toEqual({ ok: false, message: expect.stringMatching(/^2001-01-01T00:00:00Z is outside the recovery window, \S+ to \S+: pick a time inside it\.$/) });
    const member = await requestRestore(clusterId, { hostId: hostIds.pg2 ?? 0, target: { kind: 'time', time: target }, action: 'pause', repository: null, confirm: 'pg2', reason: 'lab' }, actor);
    expect(member).toEqual({ ok: false, message: expect.stringContaining('pg2 is a member of a cluster') });
    const unconfirmed = await requestRestore(clusterId, { hostId: hostIds.pg3 ?? 0, target: { kind: 'time', time: target }, action: 'pause', repository: null, confirm: 'pg', reason: 'lab' }, actor);
    expect(unconfirmed).toEqual({ ok: false, message: expect.stringContaining('Type pg3 to confirm') });

    // Paused at the target, replay sits inside the DROP's transaction, whose lock on the table it holds: the step says so.
    const paused = await succeeded(await requestRestore(clusterId, { hostId: hostIds.pg3 ?? 0, target: { kind: 'time', time: target }, action: 'pause', repository: 1, confirm: 'pg3', reason: 'lab: look at precious' }, actor));
    expect(paused.steps.at(-1)?.outcome).toMatch(/^pg3 is paused at the target \(read-only\): last transaction replayed at \S+ \(0\.\d{3} s before the target\), LSN \S+, timeline 1; \d+ databases answer\.$/);
    expect(await labPsqlInside('pg3', 'SELECT pg_is_in_recovery()')).toBe('t');
    // Replay stops at the first commit after the target: the DROP's (then its lock is held, and the step says so) or an autovacuum's just before it.
    const readable = await labExec('pg3', ['runuser', '-u', 'postgres', '--', 'psql', '-XAtq', '-c', "SET lock_timeout = '2s'", '-c', 'SELECT count(*) FROM precious']);
    if (readable.code === 0) expect(readable.stdout.trim()).toBe('100');
    else expect(paused.steps.at(-1)?.outputTail).toContain('holds an exclusive lock on precious (a DROP or TRUNCATE, say): reading it waits until the server is promoted.');

    const row = await succeeded(await requestRestore(clusterId, { hostId: hostIds.pg3 ?? 0, target: { kind: 'time', time: target }, action: 'promote', repository: 1, confirm: 'pg3', reason: 'lab: recover precious' }, actor));
    expect(await labPsqlInside('pg3', 'SELECT count(*) FROM precious')).toBe('100');
    expect(await labPsqlInside('pg3', "SELECT to_regclass('after_drop') IS NULL")).toBe('t');
    const metrics = row.metrics as Record<string, number>;
    expect(Math.abs(metrics.rpoMs ?? Number.NaN)).toBeLessThan(1000);
    expect(row.steps.at(-1)?.outcome).toMatch(/^pg3 is promoted \(writable\): last transaction replayed at \S+ \(0\.\d{3} s before the target\)/);
    // The side copy archives nothing into the cluster's stanza.
    expect(await labPsqlInside('pg3', "SELECT current_setting('archive_mode')")).toBe('off');
  }, 600_000);

  it('after a switchover the new primary archives into the same stanza; a backup and a restore across the timeline switch work', async () => {
    await succeeded(await requestSwitchover(clusterId, { candidate: 'pg2', confirmName: 'orders', reason: 'lab: backups follow the primary' }, actor, Date.now()));
    await labSql('pg2', 'CREATE TABLE on_new_timeline AS SELECT 7 AS id');
    await waitReplayed('pg1', await labSql('pg2', 'SELECT pg_current_wal_lsn()'));
    await succeeded(await requestBackup(clusterId, 'diff', 2, actor));
    expect(Number(await labSql('pg2', 'SELECT archived_count FROM pg_stat_archiver'))).toBeGreaterThan(0);

    const row = await succeeded(await requestRestore(clusterId, { hostId: hostIds.pg3 ?? 0, target: { kind: 'latest' }, action: 'promote', repository: 2, confirm: 'pg3', reason: 'lab: across the timeline' }, actor));
    expect(await labPsqlInside('pg3', 'SELECT id FROM on_new_timeline')).toBe('7');
    expect(row.steps.at(-1)?.outcome).toMatch(/promoted \(writable\).*timeline [2-9]/);
  }, 600_000);

  it('a restore drill passes and records its figures; against a damaged repository file it fails and says why', async () => {
    const row = await succeeded(await requestRestore(clusterId, { hostId: hostIds.pg3 ?? 0, target: { kind: 'latest' }, action: 'promote', repository: 1, confirm: '', reason: 'lab drill' }, actor, true));
    expect(row.steps.map((step) => step.name)).toEqual(expect.arrayContaining(['Verify the repository of orders', "Check the restored copy's pages on pg3"]));
    expect((row.metrics as Record<string, number>).rtoMs).toBeGreaterThan(0);
    // The drill put pg3's own copy (the earlier side restore) back.
    expect(await labPsqlInside('pg3', 'SELECT id FROM on_new_timeline')).toBe('7');

    const file = (await labExec('pg4', ['sh', '-c', 'ls /var/lib/pgbackrest/archive/orders/*/*/*.zst | head -1'])).stdout.trim();
    expect(file).not.toBe('');
    await labExec('pg4', ['sh', '-c', `cp -p ${file} /root/kept && printf corrupt | dd of=${file} bs=1 seek=10 conv=notrunc 2>/dev/null`]);
    try {
      const started = await requestRestore(clusterId, { hostId: hostIds.pg3 ?? 0, target: { kind: 'latest' }, action: 'promote', repository: 1, confirm: '', reason: 'lab drill, damaged' }, actor, true);
      if (!started.ok) throw new Error(started.message);
      expect((await waitForOperation(started.operationId))?.status).toBe('failed');
      const failed = (await operationRow(started.operationId)).steps.find((step) => step.status === 'failed');
      expect(failed?.name).toBe('Verify the repository of orders');
      expect(failed?.outcome).toMatch(/pgbackrest verify (found damage|failed)/);
      expect((await loadBackupHealth(clusterId, new Date()))?.drills.latest).toMatchObject({ operationId: started.operationId, passed: false });
    } finally {
      await labExec('pg4', ['sh', '-c', `cp -p /root/kept ${file}`]);
    }
  }, 900_000);

  it('with the repository host down, the archiving alert opens on the primary and resolves once it is back; pg_wal growth is read', async () => {
    await (await db()).alertRule.create({ data: { clusterId, metric: 'archive_failing', severity: 'critical', threshold: null, forSeconds: 5, enabled: true } });
    startAlerting();
    await startPoller({ refreshMs: 1_000, leaderRetryMs: 1_000 });
    try {
      await stopHost('pg4');
      try {
        await labSql('pg2', 'CREATE TABLE while_repository_down AS SELECT g FROM generate_series(1, 20000) g; SELECT pg_switch_wal()');
        const opened = await waitFor(async () => (await db()).alertEvent.findFirst({ where: { clusterId, metric: 'archive_failing', resolvedAt: null }, select: { id: true, summary: true } }), 120_000, 'no archive_failing alert opened');
        expect(opened.summary).toMatch(/pg2.*check the repository is reachable: pgbackrest check on pg2/);
        const wal = await (await db()).archiveSample.findFirst({ where: { clusterId, hostId: hostIds.pg2 ?? 0 }, orderBy: { id: 'desc' }, select: { walDirectoryBytes: true, readySegments: true } });
        expect(Number(wal?.walDirectoryBytes)).toBeGreaterThan(16 * 1024 * 1024);
        expect(wal?.readySegments).toBeGreaterThan(0);
      } finally {
        await startHost('pg4');
      }
      await labSql('pg2', 'SELECT pg_switch_wal()');
      await waitFor(async () => (await db()).alertEvent.findFirst({ where: { clusterId, metric: 'archive_failing', resolvedAt: { not: null } }, select: { id: true } }), 180_000, 'the archive_failing alert did not resolve');
    } finally {
      await stopPoller();
      await stopAlerting();
    }
  }, 600_000);

  it('adds a replica from the latest backup: it streams, and the primary served no base backup', async () => {
    const started = await requestAddReplica({ clusterId, hostId: hostIds.pg3 ?? 0, baseBackupMaxRateMb: null, source: 'backup' }, actor);
    const { row, backupSenders } = await watchingBackupSenders('pg2', started);
    expect(row.steps.map((step) => step.name)).toEqual(expect.arrayContaining(['SSH trust between pg4 and pg3', 'Restore pg3 from the latest backup of stanza orders']));
    expect(backupSenders).toBe(0);
    expect(await labSql('pg3', 'SELECT sender_host || status FROM pg_stat_wal_receiver')).toBe('10.88.0.12streaming');
    await labSql('pg2', 'CREATE TABLE after_replica_from_backup AS SELECT 1 AS id');
    await waitReplayed('pg3', await labSql('pg2', 'SELECT pg_current_wal_lsn()'));
    expect(await labSql('pg3', 'SELECT count(*) FROM after_replica_from_backup')).toBe('1');
  }, 600_000);

  it('rejoins a fenced former primary from the latest backup: it streams from the new primary, which served no base backup', async () => {
    await labSql('pg2', 'CREATE TABLE before_rejoin AS SELECT generate_series(1, 500) AS id');
    await waitReplayed('pg1', await labSql('pg2', 'SELECT pg_current_wal_lsn()'));
    const promoted = await requestPromote(clusterId, promoteRequest({ candidate: 'pg1', reason: 'lab: pg2 taken out' }), actor, Date.now());
    await succeeded(promoted);
    await labSql('pg1', 'INSERT INTO before_rejoin SELECT generate_series(501, 600)');
    expect(await labPsqlInside('pg2', 'SELECT 1').catch(() => 'stopped')).toBe('stopped');

    const started = await requestRejoin(clusterId, 'pg2', 'lab: back from the repository', actor, Date.now(), 'backup');
    const { row, backupSenders } = await watchingBackupSenders('pg1', started);
    expect(row.steps.find((step) => step.name === 'Restore pg2 from the latest backup of stanza orders')?.status).toBe('succeeded');
    expect(row.steps.some((step) => /pg_rewind|pg_basebackup/.test(step.name))).toBe(false);
    expect(backupSenders).toBe(0);
    expect(await labSql('pg2', 'SELECT sender_host || status FROM pg_stat_wal_receiver')).toBe('10.88.0.11streaming');
    await labSql('pg1', 'INSERT INTO before_rejoin VALUES (601)');
    await waitReplayed('pg2', await labSql('pg1', 'SELECT pg_current_wal_lsn()'));
    expect(await labSql('pg2', 'SELECT count(*) FROM before_rejoin')).toBe('601');
    expect(await labSql('pg2', "SELECT current_setting('listen_addresses')")).not.toContain('10.88.0.11');
  }, 600_000);

  it('replaces the whole cluster to a time before a bad migration: refused until both names are typed, then pg1 restored in place and both replicas rebuilt from it', async () => {
    const target = await timeBetween('pg1', 'CREATE TABLE ledger (id int PRIMARY KEY); INSERT INTO ledger SELECT generate_series(1, 300)', 'DROP TABLE ledger; CREATE TABLE bad_migration AS SELECT 1 AS id');
    const request = { target: { kind: 'time', time: target } as const, repository: 1, confirmHost: 'pg1', confirmCluster: 'orders', reason: 'lab: bad migration' };
    expect(await requestReplaceCluster(clusterId, { ...request, confirmHost: 'pg2' }, actor)).toEqual({ ok: false, message: expect.stringContaining('Type pg1 to confirm') });
    expect(await requestReplaceCluster(clusterId, { ...request, confirmCluster: 'order' }, actor)).toEqual({ ok: false, message: expect.stringContaining('Type orders to confirm the second time') });
    expect(await labSql('pg2', 'SELECT pg_is_in_recovery()')).toBe('t');

    const row = await succeeded(await requestReplaceCluster(clusterId, request, actor));
    expect(row.steps.find((step) => step.name === 'Start the restored server on pg1')?.outcome).toMatch(/^pg1 is promoted \(writable\): last transaction replayed at \S+ \(0\.\d{3} s before the target\)/);
    expect(row.steps.filter((step) => step.name.startsWith('Rebuild ')).map((step) => step.status)).toEqual(['succeeded', 'succeeded']);
    expect(await labSql('pg1', 'SELECT count(*) FROM ledger')).toBe('300');
    expect(await labSql('pg1', "SELECT to_regclass('bad_migration') IS NULL")).toBe('t');
    // The target's settings are gone from the files (they stay in effect only until the next restart, harmlessly: pg1 is not in recovery).
    expect(await labSql('pg1', "SELECT count(*) FROM pg_file_settings WHERE name LIKE 'recovery_target%'")).toBe('0');
    await labSql('pg1', 'INSERT INTO ledger VALUES (301)');
    const lsn = await labSql('pg1', 'SELECT pg_current_wal_lsn()');
    for (const replica of ['pg2', 'pg3']) {
      expect(await labSql(replica, 'SELECT sender_host || status FROM pg_stat_wal_receiver')).toBe('10.88.0.11streaming');
      await waitReplayed(replica, lsn);
      expect(await labSql(replica, 'SELECT count(*) FROM ledger')).toBe('301');
    }
    // Nothing was deleted: every member's old data directory is kept beside the new one.
    const kept = /kept at (\S+)\.$/.exec(row.steps.find((step) => step.name.startsWith('Restore orders onto pg1'))?.outcome ?? '')?.[1] ?? 'none';
    for (const host of ['pg1', 'pg2', 'pg3']) expect((await labExec(host, ['test', '-d', `${kept}/base`])).code, `${kept} on ${host}`).toBe(0);
    // The restored primary archives into the stanza on its new timeline.
    expect((await labExec('pg1', ['runuser', '-u', 'postgres', '--', 'pgbackrest', '--stanza=orders', 'check'])).code).toBe(0);
  }, 900_000);
});
