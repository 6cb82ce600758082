import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertLabAddress, labHost, pgStart, pgStop, readLabHosts, readLabPrivateKey } from '@/lab/client';
import { checkClusterKind } from '@/lib/operations/check-cluster/kind';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'd'.repeat(64);

const { db } = await import('@/lib/db/client');
const { storeHostSecret } = await import('@/lib/db/hosts');
const runner = await import('@/lib/operations/runner');
const { getSshPool } = await import('@/lib/ssh/pool');

const actor = { id: null, email: 'lab@example.com', clientAddress: null };
const names = ['pg1', 'pg2', 'pg3'];
let clusterId = 0;

async function steps(operationId: number) {
  return (await db()).operationStep.findMany({
    where: { operationId },
    orderBy: { position: 'asc' },
    select: { name: true, hostName: true, status: true, outcome: true, commands: true, outputTail: true, startedAt: true, finishedAt: true },
  });
}

async function check(): Promise<{ id: number; status: string | undefined; outcome: string | undefined }> {
  const claim = await runner.startOperation(checkClusterKind, { params: {}, clusterId, reason: 'lab', actor });
  if (!claim.ok) throw new Error(claim.message);
  const result = await runner.waitForOperation(claim.operationId);
  return { id: claim.operationId, status: result?.status, outcome: result?.outcome };
}

describe('check-cluster through the runner, against the lab', () => {
  beforeAll(async () => {
    const prisma = await db();
    const privateKey = readLabPrivateKey();
    clusterId = (await prisma.cluster.create({ data: { name: 'lab' }, select: { id: true } })).id;
    expect(readLabHosts().map((host) => host.name)).toEqual(expect.arrayContaining(names));
    for (const [index, name] of names.entries()) {
      const lab = labHost(name);
      assertLabAddress(lab.address);
      const host = await prisma.host.create({
        data: {
          name, sshAddress: lab.address, sshPort: lab.sshPort, sshUser: 'root', authMethod: 'key', pgPort: lab.pgPort,
          sshSecret: '', hostKeyFingerprint: lab.currentHostKeyFingerprint, hostKeyType: lab.hostKeyType, hostKeyEverPinned: true,
        },
        select: { id: true },
      });
      await storeHostSecret(host.id, privateKey);
      await prisma.clusterMember.create({ data: { clusterId, hostId: host.id, role: index === 0 ? 'primary' : 'replica', applicationName: name } });
    }
    for (const name of names) await pgStart(name).catch(() => undefined);
  });

  afterAll(() => {
    getSshPool().closeAll();
  });

  it('succeeds on pg1..pg3: SSH as postgres with the pinned key, then PostgreSQL answers, on each', async () => {
    const result = await check();
    expect(result).toMatchObject({ status: 'succeeded', outcome: 'All 6 steps succeeded.' });
    const rows = await steps(result.id);
    expect(rows.map((row) => [row.name, row.hostName, row.status])).toEqual([
      ['SSH reaches pg1 as postgres', 'pg1', 'succeeded'], ['PostgreSQL answers on pg1', 'pg1', 'succeeded'],
      ['SSH reaches pg2 as postgres', 'pg2', 'succeeded'], ['PostgreSQL answers on pg2', 'pg2', 'succeeded'],
      ['SSH reaches pg3 as postgres', 'pg3', 'succeeded'], ['PostgreSQL answers on pg3', 'pg3', 'succeeded'],
    ]);
    expect(rows[1]?.outcome).toMatch(/^PostgreSQL on pg1 answered/);
    expect(rows[1]?.commands[0]).toMatch(/^SELECT 1 AS ok/);
    expect(rows.every((row) => row.startedAt && row.finishedAt)).toBe(true);
    expect(await (await db()).clusterLock.count()).toBe(0);
  });

  it('fails at pg2 when its PostgreSQL is stopped, saying so, and leaves pg3 unchecked', async () => {
    await pgStop('pg2');
    try {
      const result = await check();
      expect(result.status).toBe('failed');
      expect(result.outcome).toMatch(/^Failed at step 4 “PostgreSQL answers on pg2” on pg2: PostgreSQL is not running on .*10\.88\.0\.\d+.*, or not on that port\.$/);
      const rows = await steps(result.id);
      expect(rows.map((row) => row.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'failed', 'pending', 'pending']);
      expect(rows[3]?.outputTail).toMatch(/hint: Check `pg_lsclusters`/);
      expect(await (await db()).clusterLock.count()).toBe(0);
    } finally {
      await pgStart('pg2');
    }
  });
});
