import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { formData, TEST_USERS } from '@/lib/testing/action-fixtures';
import type { CurrentUser } from '@/lib/auth/current-user';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'd'.repeat(64);

const session: { user: CurrentUser | null } = { user: null };
vi.mock('@/lib/auth/current-user', () => ({ getCurrentUser: async () => session.user, requireUser: async () => session.user }));
vi.mock('next/headers', async () => {
  const { stampedHeaders } = await import('@/lib/testing/stamped-request');
  return { headers: async () => stampedHeaders('203.0.113.9') };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', () => ({
  notFound: () => { throw new Error('NEXT_NOT_FOUND'); },
  redirect: (to: string) => { throw Object.assign(new Error('NEXT_REDIRECT'), { to }); },
}));

const { db } = await import('@/lib/db/client');
const { seal } = await import('@/lib/db/secrets');
const { preflightAddReplica } = await import('./preflight-add-replica');
const { startAddReplica } = await import('./start-add-replica');
const { previewImport } = await import('./preview-import');
const { importCluster } = await import('./import-cluster');


const ids = { imported: 0, managed: 0, pg1: 0, pg2: 0, free1: 0, free2: 0 };

beforeAll(async () => {
  const prisma = await db();
  for (const user of Object.values(TEST_USERS)) await prisma.user.create({ data: { id: user.id, name: user.name, email: user.email, role: user.role } });
  const host = async (name: string) => (await prisma.host.create({ data: { name, sshAddress: '127.0.0.9', authMethod: 'key', sshSecret: 'unused' }, select: { id: true } })).id;
  for (const name of ['pg1', 'pg2', 'free1', 'free2'] as const) ids[name] = await host(name);
  ids.imported = (await prisma.cluster.create({ data: { name: 'imported', status: 'active', replicationRole: 'replicator' }, select: { id: true } })).id;
  ids.managed = (await prisma.cluster.create({ data: { name: 'managed', status: 'active', replicationSecret: await seal('cluster.replicationSecret', 'not-a-real-password') }, select: { id: true } })).id;
  await prisma.clusterMember.create({ data: { clusterId: ids.imported, hostId: ids.pg1, role: 'primary', applicationName: 'pg1' } });
  await prisma.clusterMember.create({ data: { clusterId: ids.managed, hostId: ids.pg2, role: 'primary', applicationName: 'pg2' } });
});

beforeEach(() => {
  session.user = null;
});

async function stored() {
  const prisma = await db();
  return {
    clusters: await prisma.cluster.findMany({ select: { name: true, status: true, replicationSecret: true }, orderBy: { id: 'asc' } }),
    members: await prisma.clusterMember.findMany({ select: { clusterId: true, hostId: true, role: true }, orderBy: { id: 'asc' } }),
    operations: await prisma.operation.count(),
    discoveries: await prisma.hostDiscovery.count(),
  };
}

const lastAudit = async () => (await db()).auditEvent.findFirst({ orderBy: { id: 'desc' }, select: { action: true, outcome: true, actorEmail: true, clientAddress: true } });

// Who may call them, and the audited refusals, are checked for every action in authorization.test.ts.
describe('refusals an operator gets before any host is contacted', () => {
  it('adding a replica to an imported cluster (no replication password) is refused plainly', async () => {
    session.user = TEST_USERS.operator;
    const before = await stored();
    for (const run of [startAddReplica, preflightAddReplica]) {
      const result = await run(null, formData({ clusterId: String(ids.imported), hostId: String(ids.free1) }));
      expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/does not know the replication password of cluster imported/) });
    }
    expect(await stored()).toEqual(before);
    expect(await (await db()).auditEvent.findFirst({ where: { action: 'cluster.add-replica' }, orderBy: { id: 'desc' }, select: { outcome: true, summary: true } }))
      .toEqual({ outcome: 'failed', summary: expect.stringMatching(/does not know the replication password/) });
  });

  it('a host already in a cluster cannot be added as a replica', async () => {
    session.user = TEST_USERS.operator;
    const before = await stored();
    expect(await startAddReplica(null, formData({ clusterId: String(ids.managed), hostId: String(ids.pg1) }))).toMatchObject({ ok: false, fieldErrors: { hostId: ['pg1 already belongs to cluster imported.'] } });
    expect(await stored()).toEqual(before);
  });

  it('import refuses a host already in a cluster and a cluster name in use, and audits a refused import', async () => {
    session.user = TEST_USERS.admin;
    const before = await stored();
    expect(await importCluster(null, formData({ clusterName: 'found', hostIds: [String(ids.pg2), String(ids.free1)] }))).toMatchObject({ ok: false, message: 'pg2 already belongs to cluster managed.' });
    expect(await lastAudit()).toMatchObject({ action: 'cluster.import', outcome: 'failed', actorEmail: 'admin@example.com' });
    expect(await previewImport(null, formData({ clusterName: 'managed', hostIds: [String(ids.free1), String(ids.free2)] }))).toMatchObject({ ok: false, fieldErrors: { clusterName: ['Another cluster has this name'] } });
    expect(await importCluster(null, formData({ clusterName: 'Found!', hostIds: [String(ids.free1)] }))).toMatchObject({ ok: false, fieldErrors: { clusterName: [expect.any(String)], hostIds: [expect.any(String)] } });
    expect(await stored()).toEqual(before);
  });
});
