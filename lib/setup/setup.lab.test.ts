import type { SetupParams } from '@/lib/replication/setup-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labClusterPaths, labSql, labSsh, pgStart, pgStop } from '@/lab/client';
import { setupKind } from '@/lib/operations/setup/kind';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'e'.repeat(64);

const { db } = await import('@/lib/db/client');
const runner = await import('@/lib/operations/runner');
const { prepareSetup } = await import('./prepare-setup');
const { labActor, labSetupForm, registerLabHosts, startLabSetup } = await import('./testing/lab-fixture');
const { getSshPool } = await import('@/lib/ssh/pool');

let hostIds: Record<string, number> = {};
const form = () => labSetupForm(hostIds.pg1 ?? 0, [hostIds.pg2 ?? 0, hostIds.pg3 ?? 0]);

describe('setup through the engine, against the lab', () => {
  beforeAll(async () => {
    hostIds = await registerLabHosts(['pg1', 'pg2', 'pg3']);
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
    const started = await startLabSetup(form());
    clusterId = started.clusterId;
    params = started.params;
    const { result, steps } = await finished(started.operationId);
    expect(result?.status, JSON.stringify(steps.filter((step) => step.status === 'failed'))).toBe('succeeded');
    expect(await labSql('pg1', "SELECT string_agg(application_name || ':' || state, ',' ORDER BY application_name) FROM pg_stat_replication")).toBe('pg2:streaming,pg3:streaming');
    expect(await labSql('pg2', 'SELECT pg_is_in_recovery()')).toBe('t');
    expect(await labSql('pg3', 'SELECT status FROM pg_stat_wal_receiver')).toBe('streaming');
    expect((await (await db()).cluster.findUnique({ where: { id: clusterId }, select: { status: true } }))?.status).toBe('active');
  }, 300_000);

  it('running the same setup again changes nothing and says so', async () => {
    const before = await Promise.all(['pg1', 'pg2', 'pg3'].map((host) => labSql(host, 'SELECT pg_postmaster_start_time()')));
    const versionDirectory = `/var/lib/postgresql/${labClusterPaths('pg2').major}`;
    const dirsBefore = (await labSsh('pg2', `ls ${versionDirectory}`)).stdout;
    const claim = await runner.startOperation(setupKind, { clusterId, params, reason: 'lab', actor: labActor });
    if (!claim.ok) throw new Error(claim.message);
    const { result, steps } = await finished(claim.operationId);
    expect(result?.status).toBe('succeeded');
    const ran = steps.filter((step) => step.status !== 'skipped').map((step) => step.name);
    expect(ran.every((name) => /passfile|role|canary/i.test(name)), `steps that ran again: ${ran.join('; ')}`).toBe(true);
    expect(steps.filter((step) => step.status === 'skipped').length).toBeGreaterThan(steps.length / 2);
    expect(steps.find((step) => /pg_basebackup/.test(step.name))?.outcome).toMatch(/already/i);
    expect(await Promise.all(['pg1', 'pg2', 'pg3'].map((host) => labSql(host, 'SELECT pg_postmaster_start_time()')))).toEqual(before);
    expect((await labSsh('pg2', `ls ${versionDirectory}`)).stdout).toBe(dirsBefore);
  }, 300_000);
});

let clusterId = 0;
let params: SetupParams;

async function finished(operationId: number) {
  const result = await runner.waitForOperation(operationId);
  const steps = await (await db()).operationStep.findMany({ where: { operationId }, orderBy: { position: 'asc' }, select: { name: true, status: true, outcome: true, outputTail: true } });
  return { result, steps };
}
