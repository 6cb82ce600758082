import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { labSql } from '@/lab/client';
import { formData } from '@/lib/testing/action-fixtures';
import type { CurrentUser } from '@/lib/auth/current-user';
import { setupKind } from '@/lib/operations/setup/kind';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'f'.repeat(64);

const operator: CurrentUser = { id: 'u-operator', email: 'operator@example.com', name: 'O', role: 'operator' };
vi.mock('@/lib/auth/current-user', () => ({ getCurrentUser: async () => operator, requireUser: async () => operator }));
vi.mock('next/headers', async () => {
  const { stampedHeaders } = await import('@/lib/testing/stamped-request');
  return { headers: async () => stampedHeaders('203.0.113.10') };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', () => ({
  notFound: () => { throw new Error('NEXT_NOT_FOUND'); },
  redirect: (to: string) => { throw Object.assign(new Error('NEXT_REDIRECT'), { to }); },
}));

const { db } = await import('@/lib/db/client');
const { unseal } = await import('@/lib/db/secrets');
const runner = await import('@/lib/operations/runner');
const { prepareSetup } = await import('./prepare-setup');
const { createClusterRecord } = await import('./create-cluster-record');
const { setupFormSchema } = await import('./wizard-schema');
const { prepareAddReplica } = await import('./add-replica-prepare');
const { startAddReplica } = await import('@/lib/actions/start-add-replica');
const { getSshPool } = await import('@/lib/ssh/pool');
const { registerLabHosts } = await import('./testing/lab-fixture');

const actor = { id: null, email: 'lab@example.com', clientAddress: null };
const hostIds: Record<string, number> = {};

async function stepsOf(operationId: number) {
  return (await db()).operationStep.findMany({ where: { operationId }, orderBy: { position: 'asc' }, select: { name: true, status: true, outcome: true, commands: true, outputTail: true } });
}


describe('add a replica through the action and the engine, against the lab', () => {
  let clusterId = 0;

  beforeAll(async () => {
    Object.assign(hostIds, await registerLabHosts(['pg1', 'pg2', 'pg3']));
  }, 180_000);

  afterAll(() => getSshPool().closeAll());

  it('sets up pg1 → pg2 with the engine', async () => {
    const setupForm = setupFormSchema.parse({
      clusterName: 'orders', primaryId: String(hostIds.pg1), replicaIds: [String(hostIds.pg2)], roleName: 'replicator', passwordMethod: 'scram-sha-256',
      slots: 'on', maxSlotWalKeepSize: '10GB', mode: 'async', existingData: 'move-aside', enableWalLogHints: 'on',
    });
    const prepared = await prepareSetup(setupForm);
    if (!prepared.ok) throw new Error(prepared.message);
    clusterId = await createClusterRecord(setupForm, prepared.options, prepared.snapshot.primary.facts?.cluster?.version, { actorId: null, actorEmail: actor.email });
    const claim = await runner.startOperation(setupKind, { clusterId, params: { snapshot: prepared.snapshot, options: prepared.options }, reason: 'lab', actor });
    if (!claim.ok) throw new Error(claim.message);
    const result = await runner.waitForOperation(claim.operationId);
    expect(result?.status, JSON.stringify((await stepsOf(claim.operationId)).filter((step) => step.status === 'failed'))).toBe('succeeded');
    expect(await labSql('pg1', "SELECT string_agg(application_name || ':' || state, ',') FROM pg_stat_replication")).toBe('pg2:streaming');
  }, 300_000);

  it('preflight covers the existing replica without planning to clone it again', async () => {
    const prepared = await prepareAddReplica({ clusterId, hostId: hostIds.pg3 ?? 0, baseBackupMaxRateMb: null, source: 'primary' });
    if (!prepared.ok) throw new Error(prepared.message);
    expect(prepared.checks.filter((check) => check.status === 'fail')).toEqual([]);
    expect(prepared.checks).toContainEqual(expect.objectContaining({ id: 'existing-replica', host: 'pg2', status: 'pass' }));
    expect(prepared.checks.filter((check) => check.id === 'replica-existing-data').map((check) => check.host)).toEqual(['pg3']);
    expect(prepared.plan?.steps.some((step) => /pg_basebackup/.test(step.title) && step.host === 'pg2')).toBe(false);
    expect(prepared.options).toMatchObject({ clusterName: 'orders', roleName: 'replicator', slots: true, mode: 'async' });
  }, 120_000);

  it('adds pg3: it streams, and the canary is read on pg2 and pg3', async () => {
    const redirected = await startAddReplica(null, formData({ clusterId: String(clusterId), hostId: String(hostIds.pg3) })).then(
      (result) => { throw new Error(`expected a redirect, got ${JSON.stringify(result)}`); },
      (error: { to?: string }) => error.to ?? '',
    );
    const operationId = Number(/^\/operations\/(\d+)$/.exec(redirected)?.[1]);
    const result = await runner.waitForOperation(operationId);
    const steps = await stepsOf(operationId);
    expect(result?.status, JSON.stringify(steps.filter((step) => step.status === 'failed'))).toBe('succeeded');
    expect(await labSql('pg1', "SELECT string_agg(application_name || ':' || state, ',' ORDER BY application_name) FROM pg_stat_replication")).toBe('pg2:streaming,pg3:streaming');
    expect(await labSql('pg3', 'SELECT status FROM pg_stat_wal_receiver')).toBe('streaming');
    const prisma = await db();
    const operation = await prisma.operation.findUniqueOrThrow({ where: { id: operationId }, select: { kind: true, params: true } });
    expect(operation.kind).toBe('add-replica');
    const token = (operation.params as { options: { canaryToken: string } }).options.canaryToken;
    for (const host of ['pg2', 'pg3']) expect(await labSql(host, "SELECT token FROM tandem.canary WHERE writer = 'setup'")).toBe(token);
    expect(steps.find((step) => /canary row/.test(step.name))?.status).toBe('succeeded');
    expect(await prisma.clusterMember.findFirst({ where: { hostId: hostIds.pg3 }, select: { clusterId: true, role: true, applicationName: true, slotName: true } }))
      .toEqual({ clusterId, role: 'replica', applicationName: 'pg3', slotName: 'tandem_pg3' });
    const cluster = await prisma.cluster.findUniqueOrThrow({ where: { id: clusterId }, select: { replicationSecret: true } });
    const password = await unseal('cluster.replicationSecret', cluster.replicationSecret ?? '');
    expect(JSON.stringify(steps)).not.toContain(password);
    expect(JSON.stringify(operation.params)).not.toContain(password);
    expect(await prisma.auditEvent.findFirst({ where: { action: 'cluster.add-replica' }, select: { outcome: true, actorEmail: true, clientAddress: true } }))
      .toEqual({ outcome: 'ok', actorEmail: operator.email, clientAddress: '203.0.113.10' });
  }, 600_000);
});
