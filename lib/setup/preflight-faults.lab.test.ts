import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { labHost, labUser, readLabPrivateKey, rekey } from '@/lab/client';
import { formData } from '@/lib/testing/action-fixtures';
import type { CurrentUser } from '@/lib/auth/current-user';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = '9'.repeat(64);

const operator: CurrentUser = { id: 'u-operator', email: 'operator@example.com', name: 'O', role: 'operator' };
vi.mock('@/lib/auth/current-user', () => ({ getCurrentUser: async () => operator, requireUser: async () => operator }));
vi.mock('next/headers', async () => {
  const { stampedHeaders } = await import('@/lib/testing/stamped-request');
  return { headers: async () => stampedHeaders('203.0.113.30') };
});

const { db } = await import('@/lib/db/client');
const { storeHostSecret } = await import('@/lib/db/hosts');
const { waitForOperation } = await import('@/lib/operations/runner');
const { getSshPool } = await import('@/lib/ssh/pool');
const { labSetupForm, registerLabHosts, startLabSetup } = await import('./testing/lab-fixture');
const { preflightAddReplica } = await import('@/lib/actions/preflight-add-replica');
const { preflightSetup } = await import('@/lib/actions/preflight-setup');

/** pg3 as the lab user whose sudo asks for a password, logging in with its password. */
async function registerSudoPasswordHost(): Promise<number> {
  const lab = labHost('pg3');
  const user = labUser('tdmlabpw');
  const { id } = await (await db()).host.create({
    data: {
      name: 'pg3', sshAddress: lab.address, sshPort: lab.sshPort, sshUser: user.name, authMethod: 'password', pgPort: lab.pgPort,
      sshSecret: '', hostKeyFingerprint: lab.currentHostKeyFingerprint, hostKeyType: lab.hostKeyType, hostKeyEverPinned: true,
    },
    select: { id: true },
  });
  await storeHostSecret(id, user.password);
  return id;
}

function wizardForm(primaryId: number, replicaId: number): FormData {
  return formData({
    clusterName: 'faults', primaryId: String(primaryId), replicaIds: [String(replicaId)], roleName: 'replicator', passwordMethod: 'scram-sha-256', slots: 'on',
    maxSlotWalKeepSize: '10GB', baseBackupMaxRateMb: '', mode: 'async', existingData: 'move-aside', enableWalLogHints: 'on',
  });
}

const MISLEADING = /\(none\)|No PostgreSQL cluster found|Install the primary's PostgreSQL version/;

describe('preflight when a host cannot be discovered, against the lab: the real cause, no crash', () => {
  let hostIds: Record<string, number> = {};
  let clusterId = 0;

  beforeAll(async () => {
    hostIds = await registerLabHosts(['pg1', 'pg2']);
    hostIds.pg3 = await registerSudoPasswordHost();
  }, 60_000);

  afterAll(async () => {
    await rekey('pg3', { restore: true });
    getSshPool().closeAll();
  });

  it('the wizard says sudo on pg3 wants a password, and nothing about versions or a missing cluster', async () => {
    const result = await preflightSetup(null, wizardForm(hostIds.pg1 ?? 0, hostIds.pg3 ?? 0));
    if (!result.ok) throw new Error(result.message);
    expect(result.data.canRun).toBe(false);
    const pg3 = result.data.checks.filter((check) => check.host === 'pg3');
    expect(pg3).toEqual([expect.objectContaining({ id: 'ssh', status: 'fail', message: expect.stringMatching(/sudo/i) })]);
    expect(result.data.checks.map((check) => check.message).join('\n')).not.toMatch(MISLEADING);
  }, 120_000);

  it('"Add a replica" with that host answers with the checks instead of crashing', async () => {
    const setup = await startLabSetup(labSetupForm(hostIds.pg1 ?? 0, [hostIds.pg2 ?? 0]));
    clusterId = setup.clusterId;
    expect((await waitForOperation(setup.operationId))?.status).toBe('succeeded');
    const result = await preflightAddReplica(null, formData({ clusterId: String(clusterId), hostId: String(hostIds.pg3 ?? 0) }));
    if (!result.ok) throw new Error(result.message);
    expect(result.data).toMatchObject({ canRun: false, runbook: [], runbookText: '' });
    expect(result.data.checks.filter((check) => check.status === 'fail')).toEqual([expect.objectContaining({ id: 'ssh', host: 'pg3', message: expect.stringMatching(/sudo/i) })]);
    expect(result.data.checks.map((check) => check.message).join('\n')).not.toMatch(MISLEADING);
  }, 300_000);

  it('after a host key change it names both fingerprints first', async () => {
    const lab = labHost('pg3');
    await (await db()).host.update({ where: { id: hostIds.pg3 ?? 0 }, data: { sshUser: 'root', authMethod: 'key' }, select: { id: true } });
    await storeHostSecret(hostIds.pg3 ?? 0, readLabPrivateKey());
    await rekey('pg3');
    const presented = labHost('pg3').currentHostKeyFingerprint;
    expect(presented).not.toBe(lab.currentHostKeyFingerprint);
    const result = await preflightAddReplica(null, formData({ clusterId: String(clusterId), hostId: String(hostIds.pg3 ?? 0) }));
    if (!result.ok) throw new Error(result.message);
    const failed = result.data.checks.filter((check) => check.status === 'fail');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ id: 'ssh', host: 'pg3' });
    expect(failed[0]?.message).toContain(lab.currentHostKeyFingerprint);
    expect(failed[0]?.message).toContain(presented);
    expect(result.data.checks.map((check) => check.message).join('\n')).not.toMatch(MISLEADING);
  }, 120_000);
});
