import { describe, expect, it } from 'vitest';
import { runSteps } from '@/lib/failover/testing/run-steps';
import { ScriptedHost } from '@/lib/failover/testing/scripted-host';
import { fileProgress, versionStep } from './host-steps';
import { backupStep, stanzaStep } from './pgbackrest-steps';

const pinned = { hostKeyType: 'ssh-ed25519', hostKeyFingerprint: 'SHA256:x' };
const hosts = [{ hostId: 1, name: 'pg1', address: '10.0.0.11', ...pinned }, { hostId: 4, name: 'backup1', address: '10.0.0.14', ...pinned }];

function info(systemId: string, code = 2): string {
  return JSON.stringify([{ name: 'orders', status: { code, message: code === 2 ? 'no valid backups' : 'ok' }, db: [{ id: 1, 'repo-key': 1, 'system-id': 0, version: '15' }], repo: [{ key: 1, cipher: 'none', status: { code, message: 'x' } }], archive: [], backup: [] }])
    .replace('"system-id":0', `"system-id":${systemId}`);
}

describe('pgBackRest on every host', () => {
  it('says where it is missing, with the apt command, and installs nothing', async () => {
    const host = new ScriptedHost().onShell('pg1', /pgbackrest version/, { stdout: 'pgBackRest 2.45\n' }).onShell('backup1', /pgbackrest version/, { code: 127, stderr: 'pgbackrest is not installed' });
    const run = await runSteps([versionStep(hosts)], host);
    expect(run.outcomes).toEqual([expect.stringMatching(/^failed: pgBackRest is not installed on backup1: install it there \(apt-get install pgbackrest\), then start again\. Tandem never installs packages itself\.$/)]);
  });

  it('refuses two versions, naming each host\'s', async () => {
    const host = new ScriptedHost().onShell('pg1', /pgbackrest version/, { stdout: 'pgBackRest 2.45\n' }).onShell('backup1', /pgbackrest version/, { stdout: 'pgBackRest 2.55.1\n' });
    const run = await runSteps([versionStep(hosts)], host);
    expect(run.outcomes[0]).toContain('pgBackRest differs between hosts (pg1 2.45, backup1 2.55.1)');
  });
});

describe('the stanza', () => {
  const runner = { host: 'backup1', user: 'pgbackrest' } as const;

  it('refuses a stanza of the same name made for another database, and creates nothing', async () => {
    const host = new ScriptedHost()
      .onShell('backup1', /--output=json info/, { stdout: info('7000000000000000001', 99) })
      .onSql('pg1', /pg_control_system/, [{ id: '7715138230481449029' }]);
    const run = await runSteps([stanzaStep('orders', runner, 'pg1')], host);
    expect(run.outcomes[0]).toBe('failed: Stanza orders already exists for another database (system identifier 7000000000000000001; this cluster\'s is 7715138230481449029): Tandem will not overwrite it. Use another repository path or bucket.');
    expect(host.ran('backup1').some((call) => call.includes('stanza-create'))).toBe(false);
  });

  it('passes over a stanza that already exists for this database', async () => {
    const host = new ScriptedHost().onShell('backup1', /--output=json info/, { stdout: info('7715138230481449029') }).onSql('pg1', /pg_control_system/, [{ id: '7715138230481449029' }]);
    const run = await runSteps([stanzaStep('orders', runner, 'pg1')], host);
    expect(run.outcomes[0]).toMatch(/^skipped/);
  });
});

describe('progress from pgBackRest\'s file lines', () => {
  it('adds up the files in bytes and estimates the whole from the percentage', () => {
    const reports: unknown[] = [];
    const track = fileProgress({ progress: (report) => reports.push(report) }, 'copied');
    track('2026-12-03 19:27:53.842 P01 DETAIL: backup file /var/lib/postgresql/15/main/base/5/16398 (256MB, 95.00%) checksum 0d');
    track('P00 INFO: backup start archive = 000000010000000000000006');
    track('2026-12-03 19:27:53.940 P01 DETAIL: backup file /var/lib/postgresql/15/main/base/5/1249 (8KB, 95.01%) checksum 8c');
    expect(reports).toEqual([
      { done: 268435456, total: 282563638, unit: 'bytes', label: 'copied' },
      { done: 268443648, total: 282542520, unit: 'bytes', label: 'copied' },
    ]);
  });
});

describe('a backup that fails', () => {
  const runner = { host: 'backup1', user: 'pgbackrest' } as const;
  const recorder = { saveCatalog: async () => undefined, markEnabled: async () => undefined };
  const failing = (stderr: string) => new ScriptedHost()
    .onShell('backup1', /--output=json info/, { stdout: info('7715138230481449029', 0) })
    .onSql('pg1', 'CHECKPOINT', [])
    .onShell('backup1', /--log-level-console=detail backup$/, { code: 82, stderr });

  it('says first that the repository host\'s file system is full when df there shows it, with the figures', async () => {
    const host = failing('P00  ERROR: [082]: raised from local-1 shell protocol\n       [FileWriteError] on retry after 15000ms\n').onShell('backup1', "df -PB1 -- '/var/lib/pgbackrest/backup/orders'", { stdout: 'Filesystem 1-blocks Used Available Capacity Mounted on\ntmpfs 104857600 104333312 524288 100% /var/lib/pgbackrest\n' });
    const run = await runSteps([backupStep('orders', runner, 'full', 1, recorder, '2026-12-04T00:00:00Z', 'pg1', { host: 'backup1', path: '/var/lib/pgbackrest' })], host);
    expect(run.outcomes[0]).toBe("failed: The full backup failed: the repository's file system is full: free space or lower the retention, then start again (512 KiB free of 100 MiB at /var/lib/pgbackrest/backup/orders on backup1).");
  });

  it('keeps pgBackRest\'s own reason when the file system has room', async () => {
    const host = failing('P00  ERROR: [055]: unable to load info file\n').onShell('backup1', "df -PB1 -- '/var/lib/pgbackrest/backup/orders'", { stdout: 'Filesystem 1-blocks Used Available Capacity Mounted on\n/dev/vda 107374182400 1073741824 106300440576 1% /\n' });
    const run = await runSteps([backupStep('orders', runner, 'full', 1, recorder, '2026-12-04T00:00:00Z', 'pg1', { host: 'backup1', path: '/var/lib/pgbackrest' })], host);
    expect(run.outcomes[0]).toBe('failed: The full backup failed: P00  ERROR: [055]: unable to load info file.');
  });
});
