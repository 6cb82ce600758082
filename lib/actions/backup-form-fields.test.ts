import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formData } from '@/lib/testing/action-fixtures';
import { invalid } from './action-result';
import { backupFormSchema, enableBackupsFormSchema, restoreDrillFormSchema, restoreFormSchema } from './backup-form-fields';
import { backupSettingsInput, backupSettingsSchema } from './backup-settings-form';

/** The settings form as the page posts it: an S3 repository, then a repository host. */
const SETTINGS_FORM = {
  clusterId: '7',
  repoNumber: ['2', '1'], repoKind: ['s3', 'host'], repoHostId: ['', '12'], repoPath: ['/orders', '/var/lib/pgbackrest'],
  s3Endpoint: ['s3.example.com', ''], s3Port: ['', ''], s3Bucket: ['tandem-backups', ''], s3Region: ['us-east-1', ''],
  s3UriStyle: ['path', ''], s3VerifyTls: ['on', ''], s3CaCertificate: ['', ''], s3Key: ['AKIAEXAMPLE', ''], s3Secret: ['secret/key+value', ''],
  cipherPass: ['a passphrase of twenty and more', ''], removeEncryption: ['no', 'no'], retentionFull: ['2', '14'], retentionType: ['count', 'time'],
  compressType: 'zst', processMax: '2', backupStandby: 'on', fullEveryHours: '168', diffEveryHours: '24', incrEveryHours: '1', scheduleOn: 'on',
  drillHostId: '13', drillEveryDays: '7', smokeTestSql: 'SELECT count(*) FROM orders',
};

const parseSettings = (changes: Record<string, string | string[] | undefined> = {}) => {
  const fields = Object.fromEntries(Object.entries({ ...SETTINGS_FORM, ...changes }).filter((entry): entry is [string, string | string[]] => entry[1] !== undefined));
  return backupSettingsSchema.safeParse(backupSettingsInput(formData(fields)));
};

/** The field errors a form gets, as the action answers them. */
function errorsOf(result: { success: boolean; error?: import('zod').ZodError }) {
  if (result.success || !result.error) throw new Error('the form parsed');
  return invalid(result.error).fieldErrors;
}

function selfSignedPem(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tandem-ca-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', '/CN=lab-ca', '-days', '1', '-keyout', path.join(dir, 'key'), '-out', path.join(dir, 'ca.pem')], { stdio: 'ignore' });
  return readFileSync(path.join(dir, 'ca.pem'), 'utf8');
}

describe('the backup settings form', () => {
  it('reads repeated repository fields in order, one repository each, with S3 defaults', () => {
    const parsed = parseSettings();
    expect(parsed.success && parsed.data).toEqual({
      clusterId: 7,
      repositories: [
        {
          number: 2, kind: 's3', hostId: null, path: '/orders',
          s3: { endpoint: 's3.example.com', port: 443, bucket: 'tandem-backups', region: 'us-east-1', pathStyle: true, verifyTls: true, caCertificate: null },
          s3Key: 'AKIAEXAMPLE', s3Secret: 'secret/key+value', cipherPass: 'a passphrase of twenty and more', removeEncryption: false, retentionFull: 2, retentionFullType: 'count',
        },
        { number: 1, kind: 'host', hostId: 12, path: '/var/lib/pgbackrest', s3: null, s3Key: null, s3Secret: null, cipherPass: null, removeEncryption: false, retentionFull: 14, retentionFullType: 'time' },
      ],
      compressType: 'zst', processMax: 2, backupStandby: true, fullEveryHours: 168, diffEveryHours: 24, incrEveryHours: 1, scheduleOn: true,
      drillHostId: 13, drillEveryDays: 7, smokeTestSql: 'SELECT count(*) FROM orders',
    });
  });

  it('keeps stored secrets for empty fields, turns the schedule and standby off when unticked, and takes a PEM CA', () => {
    const pem = selfSignedPem();
    const parsed = parseSettings({ s3Key: ['', ''], s3Secret: ['', ''], cipherPass: ['', ''], backupStandby: undefined, scheduleOn: undefined, s3CaCertificate: [pem.replace(/\n/g, '\r\n'), ''], drillHostId: '', s3Port: ['9000', ''] });
    expect(parsed.success).toBe(true);
    if (!parsed.success) return;
    expect(parsed.data.repositories[0]).toMatchObject({ s3Key: null, s3Secret: null, cipherPass: null, s3: { port: 9000, caCertificate: pem.trim() } });
    expect(parsed.data).toMatchObject({ backupStandby: false, scheduleOn: false, drillHostId: null });
  });

  it.each([
    [{ repoPath: ['/orders', '/etc'] }, 'repoPath.1', '/etc belongs to the system: give the repository a directory of its own, such as /var/lib/pgbackrest'],
    [{ repoPath: ['/orders', '/var/lib/postgresql/backups'] }, 'repoPath.1', '/var/lib/postgresql/backups belongs to the system: give the repository a directory of its own, such as /var/lib/pgbackrest'],
    [{ repoPath: ['/orders', 'backups'] }, 'repoPath.1', 'Give an absolute path of letters, digits and . _ -, such as /var/lib/pgbackrest'],
    [{ repoPath: ['/orders', '/srv/../etc'] }, 'repoPath.1', 'Give an absolute path of letters, digits and . _ -, such as /var/lib/pgbackrest'],
    [{ repoHostId: ['', ''] }, 'repoHostId.1', 'Choose the repository host'],
    [{ repoHostId: ['12', '12'] }, 'repoHostId.0', 'Only a repository host names a host: leave it empty'],
    [{ s3Bucket: ['tandem-backups', 'x-bucket'] }, 's3Bucket.1', 'Only an S3 repository has this: leave it empty'],
    [{ repoKind: ['ftp', 'host'] }, 'repoKind.0', 'Choose a repository host or S3'],
    [{ repoNumber: ['5', '1'] }, 'repoNumber.0', 'Choose a repository, repo1 to repo4'],
    [{ repoNumber: ['1', '1'] }, 'repoNumber.1', 'repo1 is listed twice'],
    [{ s3Endpoint: ['https://s3.example.com', ''] }, 's3Endpoint.0', 'Give the endpoint\'s host name, such as s3.eu-west-1.amazonaws.com'],
    [{ s3Port: ['70000', ''] }, 's3Port.0', 'Give a port from 1 to 65535'],
    [{ s3Port: ['0', ''] }, 's3Port.0', 'Give a port from 1 to 65535'],
    [{ s3Bucket: ['Tandem_Backups', ''] }, 's3Bucket.0', 'Give the bucket name: 3–63 lower-case letters, digits, . and -'],
    [{ s3CaCertificate: ['not a certificate', ''] }, 's3CaCertificate.0', 'Paste the CA certificate as PEM (-----BEGIN CERTIFICATE----- …), or leave it empty'],
    [{ s3Key: ['key\nrepo1-path=/etc', ''] }, 's3Key.0', 'The access key is one line of printable text'],
    [{ s3Secret: [' padded', ''] }, 's3Secret.0', 'The secret key cannot start or end with a space'],
    [{ cipherPass: ['too short', ''] }, 'cipherPass.0', 'Use a passphrase of at least 20 characters'],
    [{ removeEncryption: ['yes', 'no'] }, 'cipherPass.0', 'Leave the passphrase empty to remove the encryption'],
    [{ retentionFull: ['101', '14'] }, 'retentionFull.0', 'Keep 1 to 100 full backups'],
    [{ retentionFull: ['2', '0'] }, 'retentionFull.1', 'Keep 1 to 3650 days'],
    [{ repoKind: ['host', 'host'], repoHostId: ['11', '12'], s3Endpoint: ['', ''], s3Bucket: ['', ''], s3Region: ['', ''], s3UriStyle: ['', ''], s3VerifyTls: ['', ''], s3Key: ['', ''], s3Secret: ['', ''], repoPath: ['/srv/a', '/srv/b'] }, 'repositories', 'Use at most one repository host: backups run on it'],
    [{ repoKind: ['s3'] }, 'repositories', 'The repositories\' fields do not line up: reload the page and try again'],
    [Object.fromEntries(['repoNumber', 'repoKind', 'repoHostId', 'repoPath', 's3Endpoint', 's3Port', 's3Bucket', 's3Region', 's3UriStyle', 's3VerifyTls', 's3CaCertificate', 's3Key', 's3Secret', 'cipherPass', 'removeEncryption', 'retentionFull', 'retentionType'].map((field) => [field, undefined])), 'repositories', 'Add a repository'],
    [{ compressType: 'xz' }, 'compressType', 'Choose zst, lz4, gz, bz2 or none'],
    [{ processMax: '17' }, 'processMax', 'Use 1 to 16 processes'],
    [{ fullEveryHours: '8761' }, 'fullEveryHours', 'Give 0 (off) to 8760 hours'],
    [{ incrEveryHours: '-1' }, 'incrEveryHours', 'Give 0 (off) to 8760 hours'],
    [{ drillEveryDays: '366' }, 'drillEveryDays', 'Give 0 (on demand) to 365 days'],
    [{ smokeTestSql: 'x'.repeat(2001) }, 'smokeTestSql', 'Keep the smoke test under 2000 characters'],
    [{ backupStandby: 'yes' }, 'backupStandby', 'A checkbox is either ticked or not'],
  ])('refuses %j with a clear error on %s', (changes, field, message) => {
    expect(errorsOf(parseSettings(changes))?.[field]).toEqual([message]);
  });

  it('refuses backing up from a standby without a repository host', () => {
    const s3Only = { repoNumber: ['2'], repoKind: ['s3'], repoHostId: [''], repoPath: ['/orders'], s3Endpoint: ['s3.example.com'], s3Port: [''], s3Bucket: ['b-1'], s3Region: ['us-east-1'], s3UriStyle: ['host'], s3VerifyTls: ['off'], s3CaCertificate: [''], s3Key: ['k'], s3Secret: ['s'], cipherPass: [''], removeEncryption: ['no'], retentionFull: ['2'], retentionType: ['count'] };
    expect(errorsOf(parseSettings(s3Only))?.backupStandby).toEqual(['Backing up from a standby needs a repository host']);
    const parsed = parseSettings({ ...s3Only, backupStandby: undefined });
    expect(parsed.success && parsed.data.repositories[0]?.s3).toMatchObject({ pathStyle: false, verifyTls: false });
  });
});

describe('the backup operation forms', () => {
  it('enable backups: the restart is allowed only when ticked', () => {
    expect(enableBackupsFormSchema.parse({ clusterId: '3', allowRestart: 'on' })).toEqual({ clusterId: 3, allowRestart: true });
    expect(enableBackupsFormSchema.parse({ clusterId: '3' })).toEqual({ clusterId: 3, allowRestart: false });
    expect(errorsOf(enableBackupsFormSchema.safeParse({ clusterId: '0x3' }))).toEqual({ clusterId: ['Unknown cluster.'] });
  });

  it('back up now: a type and a repository', () => {
    expect(backupFormSchema.parse({ clusterId: '3', type: 'incr', repository: '2' })).toEqual({ clusterId: 3, type: 'incr', repository: 2 });
    expect(errorsOf(backupFormSchema.safeParse({ clusterId: '3', type: 'snapshot', repository: '5' }))).toEqual({
      type: ['Choose a full, differential or incremental backup'],
      repository: ['Choose a repository, repo1 to repo4'],
    });
  });

  it('a drill takes any repository when none is chosen', () => {
    expect(restoreDrillFormSchema.parse({ clusterId: '3', repository: '', reason: 'monthly' })).toEqual({ clusterId: 3, repository: null, reason: 'monthly' });
  });

  const restore = { clusterId: '3', hostId: '9', targetKind: 'time', targetValue: '2026-12-03T18:01:02.5+01:00', action: 'pause', repository: '1', confirm: 'pg5', reason: 'dropped table' };

  it.each([
    [{}, { kind: 'time', time: '2026-12-03T18:01:02.5+01:00' }],
    [{ targetKind: 'latest', targetValue: 'ignored' }, { kind: 'latest' }],
    [{ targetKind: 'lsn', targetValue: '0/3000060' }, { kind: 'lsn', lsn: '0/3000060' }],
    [{ targetKind: 'name', targetValue: 'before_migration' }, { kind: 'name', name: 'before_migration' }],
    [{ targetKind: 'backup', targetValue: '20261203-175835F_20261203-181502I' }, { kind: 'backup', label: '20261203-175835F_20261203-181502I' }],
  ])('a restore reads the target %j', (changes, target) => {
    expect(restoreFormSchema.parse({ ...restore, ...changes })).toEqual({ clusterId: 3, hostId: 9, target, action: 'pause', repository: 1, confirm: 'pg5', reason: 'dropped table' });
  });

  it.each([
    [{ targetValue: '2026-12-03T18:01:02' }, 'targetValue', 'Give the time in ISO 8601 with its offset, such as 2026-12-03T18:01:02Z or 2026-12-03T19:01:02+01:00'],
    [{ targetKind: 'lsn', targetValue: '3000060' }, 'targetValue', 'Give an LSN such as 0/3000060'],
    [{ targetKind: 'name', targetValue: "x'; DROP" }, 'targetValue', 'Give a restore point name: letters, digits and _ . : - only'],
    [{ targetKind: 'backup', targetValue: 'latest' }, 'targetValue', 'Give a backup label such as 20261203-175835F'],
    [{ targetKind: 'xid' }, 'targetKind', 'Choose where the restore stops: the latest WAL, a time, an LSN, a restore point or a backup'],
    [{ action: 'shutdown' }, 'action', 'Choose whether the restored server pauses or is promoted'],
    [{ hostId: '' }, 'hostId', 'Choose the host to restore onto'],
    [{ repository: '0' }, 'repository', 'Choose a repository, or any'],
  ])('a restore refuses %j with a clear error on %s', (changes, field, message) => {
    expect(errorsOf(restoreFormSchema.safeParse({ ...restore, ...changes }))?.[field]).toEqual([message]);
  });
});
