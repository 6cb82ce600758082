import { describe, expect, it } from 'vitest';
import { member, ordersCluster } from '@/lib/failover/testing/failover-fixture';
import { planReplaceCluster } from './plan-replace';
import type { RestoreParams } from './plan-restore';
import { restoreCommand, type RestoreHost } from './restore-steps';
import type { BackupSetup } from './types';

const pinned = { hostKeyType: 'ssh-ed25519', hostKeyFingerprint: 'SHA256:x' };
const control = { kind: 'pg_ctlcluster', version: '15', name: 'main' } as const;
const [pg1, pg2, pg3] = [member('pg1', 11), member('pg2', 12), member('pg3', 13)];
const setup: BackupSetup = {
  clusterName: 'orders', stanza: 'orders', major: 15, compressType: 'zst', processMax: 2, backupStandby: false,
  members: [pg1, pg2, pg3].map((m) => ({ hostId: m.hostId, name: m.name, address: m.address, pgPort: m.pgPort, dataDirectory: m.dataDirectory, control, ...pinned })),
  repositories: [{ number: 1, kind: 'host', host: { hostId: 4, name: 'backup1', address: '10.88.0.14', ...pinned }, path: '/var/lib/pgbackrest', s3: null, encrypted: false, retentionFull: 2, retentionFullType: 'count' }],
};
const onto: RestoreHost = { hostId: 11, name: 'pg1', address: '10.88.0.11', pgPort: 5432, dataDirectory: '/var/lib/postgresql/15/main', control, ...pinned };
const params: RestoreParams = {
  onto, target: { kind: 'time', time: '2026-12-04T01:02:03.000Z' }, action: 'promote', repository: null, primary: 'pg1',
  stamp: '20261204T010500Z', requestedAt: '2026-12-04T01:05:00.000Z', drill: false, replace: { primary: pg1!, replicas: [pg2!, pg3!] },
};
const plan = (overrides: Partial<RestoreParams> = {}) => planReplaceCluster(setup, { ...params, ...overrides }, async () => ({}), ordersCluster, async () => ({ replicationPassword: 'x' }));

describe('replacing the whole cluster from a backup', () => {
  it('archives the current WAL, stops the replicas and then the primary, restores the primary in place, and only then rebuilds each replica from it', () => {
    expect(plan().map((step) => `${step.host}: ${step.name}`)).toEqual([
      'pg1: SSH trust between backup1 and pg1',
      "pg1: Write pgBackRest's configuration on pg1",
      'backup1: Check archiving into stanza orders',
      'pg2: Stop PostgreSQL on pg2',
      'pg3: Stop PostgreSQL on pg3',
      'pg1: Stop PostgreSQL on pg1',
      'pg1: Restore orders onto pg1 to time 2026-12-04T01:02:03.000Z',
      'pg1: Start the restored server on pg1',
      "pg1: Remove the recovery target from pg1's postgresql.auto.conf",
      'pg2: Write the replication passfile on pg2',
      'pg2: Rebuild pg2 from pg1 with pg_basebackup',
      'pg2: Configure pg2 as a standby of pg1',
      'pg2: Start pg2 as a standby and verify it streams from pg1',
      'pg3: Write the replication passfile on pg3',
      'pg3: Rebuild pg3 from pg1 with pg_basebackup',
      'pg3: Configure pg3 as a standby of pg1',
      'pg3: Start pg3 as a standby and verify it streams from pg1',
    ]);
  });

  it('archives nothing first when the target is the end of a backup', () => {
    expect(plan({ target: { kind: 'backup', label: '20261203-175835F' } }).some((step) => step.name.startsWith('Check archiving'))).toBe(false);
  });

  it('restores the primary with archiving on and its synchronous standbys kept; a side copy restores with archiving off and without them', () => {
    const inPlace = restoreCommand('orders', onto, params.target, 'promote', null, params.stamp, 'cluster').text;
    expect(inPlace).not.toContain('--archive-mode=off');
    expect(inPlace).toContain("--type=time '--target=2026-12-04 01:02:03.000+00' '--target-action=promote'");
    expect(inPlace).toContain("'^(listen_addresses|primary_conninfo|primary_slot_name) '");
    const side = restoreCommand('orders', onto, params.target, 'pause', null, params.stamp).text;
    expect(side).toContain('--archive-mode=off');
    expect(side).toContain("'^(listen_addresses|primary_conninfo|primary_slot_name|synchronous_standby_names) '");
  });

  it('is not planned without the members it replaces', () => {
    expect(() => plan({ replace: undefined })).toThrow(/needs the members/);
  });
});
