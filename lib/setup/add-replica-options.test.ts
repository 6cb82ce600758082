import { describe, expect, it } from 'vitest';
import { makeOptions, makeSnapshot } from '@/lib/replication/make-snapshot';
import { planAddReplica } from '@/lib/replication/plan-setup';
import { planText } from '@/lib/replication/plan-test-helpers';
import { runPreflight } from '@/lib/replication/preflight';
import { addReplicaChecks, addReplicaOptions, withBaseBackupRate } from './add-replica-options';
import { addReplicaFormSchema } from './add-replica-schema';

const now = new Date('2026-11-03T10:15:00Z');

describe('addReplicaOptions', () => {
  it('keeps the stored choices and takes a fresh stamp, token and the cluster name', () => {
    const stored = makeOptions({ clusterName: 'old', slots: false, mode: 'sync', passwordMethod: 'md5', stamp: '20200101T000000Z', canaryToken: 'old_token_1' });
    const options = addReplicaOptions(JSON.parse(JSON.stringify(stored)), 'orders', now, 'fresh_token_1');
    expect(options).toEqual({ ...stored, clusterName: 'orders', stamp: '20261103T101500Z', canaryToken: 'fresh_token_1' });
  });

  it('falls back to the defaults for missing or malformed fields', () => {
    const options = addReplicaOptions({ slots: 'yes', mode: 'sync', roleName: 7, imported: true }, 'orders', now, 'fresh_token_1');
    expect(options).toMatchObject({ slots: true, mode: 'sync', roleName: 'replicator', existingData: 'move-aside' });
    expect(options).not.toHaveProperty('imported');
    expect(addReplicaOptions(null, 'orders', now, 'fresh_token_1').roleName).toBe('replicator');
  });
});

describe('addReplicaChecks', () => {
  it('replaces the clone checks of replicas already in the cluster, keeps the new one\'s', () => {
    const snapshot = makeSnapshot({ replicas: [{ cluster: { inRecovery: true, disk: { path: '/', totalBytes: 1, freeBytes: 1 } } }, {}] });
    const checks = addReplicaChecks(runPreflight(snapshot, makeOptions()).checks, snapshot, 'db3');
    const forHost = (host: string) => checks.filter((item) => item.host === host).map((item) => `${item.id}:${item.status}`);
    expect(forHost('db2')).toEqual(['host-key:pass', 'ssh:pass', 'replica-cluster:pass', 'existing-replica:pass', 'reach-primary:pass']);
    expect(forHost('db3')).toEqual(['host-key:pass', 'ssh:pass', 'replica-cluster:pass', 'replica-existing-data:pass', 'disk:pass', 'reach-primary:pass']);
    expect(checks.every((item) => item.status !== 'fail')).toBe(true);
  });

  it('drops the role check: the cluster keeps the role setup took, even a superuser reused on confirmation', () => {
    const snapshot = makeSnapshot({ replicas: 2, primary: { probe: { replicationRole: { superuser: true, replication: true, canLogin: true } } } });
    const preflight = runPreflight(snapshot, makeOptions()).checks;
    expect(preflight.find((item) => item.id === 'replication-role')?.status).toBe('fail');
    expect(addReplicaChecks(preflight, snapshot, 'db3').some((item) => item.id === 'replication-role')).toBe(false);
  });

  it('warns about an existing replica that is not in recovery', () => {
    const snapshot = makeSnapshot({ replicas: 2 });
    const checks = addReplicaChecks(runPreflight(snapshot, makeOptions()).checks, snapshot, 'db3');
    expect(checks.find((item) => item.id === 'existing-replica')).toMatchObject({ host: 'db2', status: 'warn' });
  });
});

describe('the add-replica base backup rate limit', () => {
  it('takes the form field as the wizard does and puts --max-rate into the add-replica plan', () => {
    const form = addReplicaFormSchema.parse({ clusterId: '1', hostId: '3', baseBackupMaxRateMb: '40' });
    const planned = planAddReplica(makeSnapshot({ replicas: 2 }), withBaseBackupRate(makeOptions(), form.baseBackupMaxRateMb), 'db3');
    if (!planned.ok) throw new Error('plan expected');
    expect(planText(planned.plan)).toMatch(/pg_basebackup [^\n]* --max-rate='40960'k /);
  });

  it('keeps the cluster\'s stored limit when the field is empty', () => {
    const form = addReplicaFormSchema.parse({ clusterId: '1', hostId: '3' });
    expect(withBaseBackupRate(makeOptions({ baseBackupMaxRateKb: 32_768 }), form.baseBackupMaxRateMb).baseBackupMaxRateKb).toBe(32_768);
  });

  it('refuses what the wizard refuses', () => {
    expect(addReplicaFormSchema.safeParse({ clusterId: '1', hostId: '3', baseBackupMaxRateMb: '2.5' }).error?.issues[0]).toMatchObject({ path: ['baseBackupMaxRateMb'], message: 'Whole MiB per second, or empty for no limit' });
  });
});
