import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Prisma } from '@/generated/prisma/client';
import { assertLabAddress, labHost, labSsh, labUp, pgStart, pgStop, readLabPrivateKey } from '@/lab/client';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'e'.repeat(64);
vi.mock('next/navigation', () => ({ notFound: () => { throw new Error('NEXT_NOT_FOUND'); } }));

const { db } = await import('@/lib/db/client');
const { seal } = await import('@/lib/db/secrets');
const runner = await import('@/lib/server/runner');
await import('./setup-kind');
const { prepareSetup } = await import('./prepare-setup');
const { createClusterRecord } = await import('./create-cluster-record');
const { getSshPool } = await import('@/lib/ssh/pool');

const actor = { id: null, email: 'lab@example.com', clientAddress: null };
const hostIds: Record<string, number> = {};

async function registerLabHosts() {
  const prisma = await db();
  const privateKey = readLabPrivateKey();
  for (const name of ['pg1', 'pg2', 'pg3']) {
    const lab = labHost(name);
    assertLabAddress(lab.address);
    hostIds[name] = (
      await prisma.host.create({
        data: {
          name, sshAddress: lab.address, sshPort: lab.sshPort, sshUser: 'root', authMethod: 'key', pgPort: lab.pgPort,
          sshSecret: await seal('host.sshSecret', privateKey), hostKeyFingerprint: lab.currentHostKeyFingerprint, hostKeyType: lab.hostKeyType,
        },
        select: { id: true },
      })
    ).id;
  }
}

const form = () => ({
  clusterName: 'orders', primaryId: hostIds.pg1 ?? 0, replicaIds: [hostIds.pg2 ?? 0, hostIds.pg3 ?? 0], roleName: 'replicator',
  passwordMethod: 'scram-sha-256' as const, slots: true, maxSlotWalKeepSize: '10GB', baseBackupMaxRateMb: null, mode: 'async' as const, tls: false,
  existingData: 'move-aside' as const, setListenAddresses: false, enableWalLogHints: true,
});

async function sql(host: string, query: string): Promise<string> {
  const result = await labSsh(host, `cd / && runuser -u postgres -- psql -XAtc "${query}"`);
  if (result.code !== 0) throw new Error(result.stderr);
  return result.stdout.trim();
}

describe('setup through the engine, against the lab', () => {
  beforeAll(async () => {
    await labUp(3, { fresh: true });
    await registerLabHosts();
  }, 120_000);

  afterAll(() => getSshPool().closeAll());

  it('blocks Run when the primary\'s PostgreSQL is stopped, saying how to fix it', async () => {
    await pgStop('pg1');
    try {
      const prepared = await prepareSetup(form());
      if (!prepared.ok) throw new Error(prepared.message);
      expect(prepared.canRun).toBe(false);
      const failed = prepared.checks.filter((check) => check.status === 'fail');
      expect(failed).toContainEqual(expect.objectContaining({ host: 'pg1', hint: expect.stringMatching(/\S/) }));
    } finally {
      await pgStart('pg1');
    }
  }, 120_000);

  it('turns pg1, pg2 and pg3 into a streaming cluster and proves it with a canary', async () => {
    const prepared = await prepareSetup(form());
    if (!prepared.ok) throw new Error(prepared.message);
    expect(prepared.checks.filter((check) => check.status === 'fail')).toEqual([]);
    clusterId = await createClusterRecord(form(), prepared.options, prepared.snapshot.primary.facts?.cluster?.version, { actorId: null, actorEmail: actor.email });
    params = JSON.parse(JSON.stringify({ snapshot: prepared.snapshot, options: prepared.options }));
    const { result, steps } = await runSetup();
    expect(result?.status, JSON.stringify(steps.filter((step) => step.status === 'failed'))).toBe('succeeded');
    expect(await sql('pg1', "SELECT string_agg(application_name || ':' || state, ',' ORDER BY application_name) FROM pg_stat_replication")).toBe('pg2:streaming,pg3:streaming');
    expect(await sql('pg2', 'SELECT pg_is_in_recovery()')).toBe('t');
    expect(await sql('pg3', 'SELECT status FROM pg_stat_wal_receiver')).toBe('streaming');
    expect((await (await db()).cluster.findUnique({ where: { id: clusterId }, select: { status: true } }))?.status).toBe('active');
  }, 300_000);

  it('running the same setup again changes nothing and says so', async () => {
    const before = await Promise.all(['pg1', 'pg2', 'pg3'].map((host) => sql(host, 'SELECT pg_postmaster_start_time()')));
    const dirsBefore = (await labSsh('pg2', 'ls /var/lib/postgresql/15')).stdout;
    const { result, steps } = await runSetup();
    expect(result?.status).toBe('succeeded');
    const ran = steps.filter((step) => step.status !== 'skipped').map((step) => step.name);
    expect(ran.every((name) => /passfile|role|canary/i.test(name)), `steps that ran again: ${ran.join('; ')}`).toBe(true);
    expect(steps.filter((step) => step.status === 'skipped').length).toBeGreaterThan(steps.length / 2);
    expect(steps.find((step) => /pg_basebackup/.test(step.name))?.outcome).toMatch(/already/i);
    expect(await Promise.all(['pg1', 'pg2', 'pg3'].map((host) => sql(host, 'SELECT pg_postmaster_start_time()')))).toEqual(before);
    expect((await labSsh('pg2', 'ls /var/lib/postgresql/15')).stdout).toBe(dirsBefore);
  }, 300_000);
});

let clusterId = 0;
let params: Prisma.InputJsonObject = {};

async function runSetup() {
  const claim = await runner.startOperation({ kind: 'setup', clusterId, params: params as Prisma.InputJsonValue, reason: 'lab', actor });
  if (!claim.ok) throw new Error(claim.message);
  const result = await runner.waitForOperation(claim.operationId);
  const steps = await (await db()).operationStep.findMany({ where: { operationId: claim.operationId }, orderBy: { position: 'asc' }, select: { name: true, status: true, outcome: true, outputTail: true } });
  return { result, steps };
}
