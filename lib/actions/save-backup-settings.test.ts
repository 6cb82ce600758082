import { beforeAll, describe, expect, it, vi } from 'vitest';
import { formData, TEST_USERS } from '@/lib/testing/action-fixtures';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'f'.repeat(64);

vi.mock('@/lib/auth/current-user', () => ({ getCurrentUser: async () => TEST_USERS.admin, requireUser: async () => TEST_USERS.admin }));
vi.mock('next/headers', () => import('@/lib/testing/next-request-mock'));
vi.mock('next/cache', () => import('@/lib/testing/next-request-mock'));

const { db } = await import('@/lib/db/client');
const { loadRepositorySecrets, markBackupsEnabled } = await import('@/lib/db/backups');
const { saveBackupSettings } = await import('./save-backup-settings');

const ids: Record<string, number> = {};
const s3Row = { repoNumber: '2', repoKind: 's3', repoHostId: '', repoPath: '/orders', s3Endpoint: 's3.example.com', s3Port: '', s3Bucket: 'b-1', s3Region: 'us-east-1', s3UriStyle: 'path', s3VerifyTls: 'on', s3CaCertificate: '', s3Key: 'KEY-1', s3Secret: 'SECRET-1', cipherPass: 'a passphrase of twenty and more', removeEncryption: 'no', retentionFull: '2', retentionType: 'count' };
const hostRow = { ...Object.fromEntries(Object.keys(s3Row).map((field) => [field, ''])), repoNumber: '1', repoKind: 'host', repoPath: '/var/lib/pgbackrest', removeEncryption: 'no', retentionFull: '2', retentionType: 'count' };

function post(rows: Record<string, string>[], changes: Record<string, string> = {}) {
  const lists = Object.fromEntries(Object.keys(s3Row).map((field) => [field, rows.map((row) => row[field] ?? '')]));
  return saveBackupSettings(null, formData({
    clusterId: String(ids.cluster), ...lists, compressType: 'zst', processMax: '2', fullEveryHours: '168', diffEveryHours: '24', incrEveryHours: '1',
    scheduleOn: 'on', drillHostId: '', drillEveryDays: '0', smokeTestSql: '', ...changes,
  }));
}

beforeAll(async () => {
  const prisma = await db();
  await prisma.user.create({ data: { id: TEST_USERS.admin.id, name: 'A', email: TEST_USERS.admin.email, role: 'admin' } });
  for (const name of ['pg1', 'repo', 'spare']) ids[name] = (await prisma.host.create({ data: { name, sshAddress: '10.0.0.9', authMethod: 'key', sshSecret: 'x' }, select: { id: true } })).id;
  ids.cluster = (await prisma.cluster.create({ data: { name: 'orders', status: 'active' }, select: { id: true } })).id;
  await prisma.clusterMember.create({ data: { clusterId: ids.cluster, hostId: ids.pg1 ?? 0, role: 'primary', applicationName: 'pg1' } });
});

describe('saving backup settings against what is stored', () => {
  it('refuses a member as repository host or drill host, and an S3 repository without its keys', async () => {
    expect(await post([{ ...hostRow, repoHostId: String(ids.pg1) }, { ...s3Row, s3Key: '', s3Secret: '' }], { drillHostId: String(ids.pg1) })).toEqual({
      ok: false, message: 'Some fields need attention.',
      fieldErrors: {
        'repoHostId.0': ['pg1 is a member of this cluster: the repository host must be another machine'],
        's3Key.1': ['Give the access key'], 's3Secret.1': ['Give the secret key'],
        drillHostId: ['pg1 is a member of cluster orders: a drill restores onto a host that is no member'],
      },
    });
    expect(await (await db()).backupPlan.count()).toBe(0);
  });

  it('saves, then keeps the stored secrets for empty fields', async () => {
    expect(await post([{ ...hostRow, repoHostId: String(ids.repo) }, s3Row], { drillHostId: String(ids.spare) })).toEqual({ ok: true, data: null });
    expect(await post([{ ...hostRow, repoHostId: String(ids.repo) }, { ...s3Row, s3Key: '', s3Secret: '', cipherPass: '', s3Bucket: 'b-2' }])).toEqual({ ok: true, data: null });
    expect((await loadRepositorySecrets(ids.cluster ?? 0))[2]).toEqual({ s3Key: 'KEY-1', s3Secret: 'SECRET-1', cipherPass: 'a passphrase of twenty and more' });
    expect((await (await db()).backupRepository.findFirstOrThrow({ where: { number: 2 } })).s3Bucket).toBe('b-2');
  });

  it('once backups are enabled, neither changes nor removes a repository\'s encryption', async () => {
    await markBackupsEnabled(ids.cluster ?? 0);
    const result = await post([{ ...hostRow, repoHostId: String(ids.repo), cipherPass: 'another passphrase, long enough' }, { ...s3Row, s3Key: '', s3Secret: '', cipherPass: '', removeEncryption: 'yes' }]);
    expect(result).toMatchObject({ ok: false, fieldErrors: {
      'cipherPass.0': ['The passphrase cannot change once backups are enabled: pgBackRest could no longer read the repository'],
      'removeEncryption.1': ['The encryption cannot be removed once backups are enabled'],
    } });
    expect((await loadRepositorySecrets(ids.cluster ?? 0))[2]?.cipherPass).toBe('a passphrase of twenty and more');
  });
});
