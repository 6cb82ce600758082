import { describe, expect, it } from 'vitest';
import { archiveCommand, databaseHostConfig, repositoryHostConfig, stanzaConfigPath } from './config-file';
import type { BackupSetup } from './types';

const pinned = { hostKeyType: 'ssh-ed25519', hostKeyFingerprint: 'SHA256:x' };
const control = { kind: 'pg_ctlcluster', version: '15', name: 'main' } as const;
const setup: BackupSetup = {
  clusterName: 'orders', stanza: 'orders', major: 15, compressType: 'zst', processMax: 2, backupStandby: true,
  members: [
    { hostId: 1, name: 'pg1', address: '10.0.0.11', pgPort: 5432, dataDirectory: '/var/lib/postgresql/15/main', control, ...pinned },
    { hostId: 2, name: 'pg2', address: '10.0.0.12', pgPort: 5433, dataDirectory: '/srv/pg', control, ...pinned },
  ],
  repositories: [
    { number: 1, kind: 'host', host: { hostId: 4, name: 'backup1', address: '10.0.0.14', ...pinned }, path: '/var/lib/pgbackrest', s3: null, encrypted: true, retentionFull: 2, retentionFullType: 'count' },
    { number: 2, kind: 's3', host: null, path: '/orders', s3: { endpoint: 's3.example.com', port: 443, bucket: 'b', region: 'eu-west-1', pathStyle: true, verifyTls: true, caCertificate: '-----BEGIN CERTIFICATE-----\nX\n-----END CERTIFICATE-----' }, encrypted: false, retentionFull: 14, retentionFullType: 'time' },
  ],
};
const secrets = { 1: { cipherPass: 'repo one pass' }, 2: { s3Key: 'AKIA', s3Secret: 'sekret' } };

describe('pgBackRest configuration', () => {
  it('gives the repository host its repository, the object storage, and every member as pgN-host', () => {
    expect(repositoryHostConfig(setup, secrets).split('\n')).toEqual([
      '[orders]',
      'repo1-path=/var/lib/pgbackrest', 'repo1-retention-full=2', 'repo1-retention-full-type=count', 'repo1-cipher-type=aes-256-cbc', 'repo1-cipher-pass=repo one pass',
      'repo2-type=s3', 'repo2-path=/orders', 'repo2-s3-endpoint=s3.example.com', 'repo2-storage-port=443', 'repo2-s3-bucket=b', 'repo2-s3-region=eu-west-1', 'repo2-s3-uri-style=path',
      'repo2-s3-key=AKIA', 'repo2-s3-key-secret=sekret', 'repo2-storage-ca-file=/etc/pgbackrest/tandem-orders-repo2-ca.pem', 'repo2-retention-full=14', 'repo2-retention-full-type=time',
      'compress-type=zst', 'process-max=2', 'start-fast=y', 'log-path=/var/lib/pgbackrest/log', 'backup-standby=y',
      'pg1-host=10.0.0.11', 'pg1-host-user=postgres', 'pg1-path=/var/lib/postgresql/15/main', 'pg1-port=5432',
      'pg2-host=10.0.0.12', 'pg2-host-user=postgres', 'pg2-path=/srv/pg', 'pg2-port=5433',
      '',
    ]);
  });

  it('gives a database host the repository host by address (encryption stays there), the object storage in full, and its own data directory', () => {
    const text = databaseHostConfig(setup, secrets, setup.members[1] ?? { dataDirectory: '', pgPort: 0 });
    expect(text).toContain('repo1-host=10.0.0.14\nrepo1-host-user=pgbackrest\nrepo2-type=s3');
    expect(text).not.toContain('repo1-cipher-pass');
    expect(text).toContain('repo2-s3-key-secret=sekret');
    expect(text).toMatch(/pg1-path=\/srv\/pg\npg1-port=5433\n$/);
    expect(text).not.toContain('start-fast');
  });

  it('refuses a value that would break out of its line', () => {
    expect(() => databaseHostConfig({ ...setup, repositories: [] }, {}, { dataDirectory: '/x\nrepo1-path=/', pgPort: 5432 })).toThrow(/line breaks/);
  });

  it('names the file and the archive_command after the stanza', () => {
    expect(stanzaConfigPath('orders')).toBe('/etc/pgbackrest/conf.d/tandem-orders.conf');
    expect(archiveCommand('orders')).toBe('pgbackrest --stanza=orders archive-push %p');
  });
});
