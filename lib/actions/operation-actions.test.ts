import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { formData, TEST_USERS } from '@/lib/testing/action-fixtures';
import type { CurrentUser } from '@/lib/auth/current-user';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'c'.repeat(64);

const session: { user: CurrentUser | null } = { user: null };
vi.mock('@/lib/auth/current-user', () => ({ getCurrentUser: async () => session.user, requireUser: async () => session.user }));
vi.mock('next/headers', async () => {
  const { stampedHeaders } = await import('@/lib/testing/stamped-request');
  return { headers: async () => stampedHeaders('203.0.113.8') };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { db } = await import('@/lib/db/client');
const { createOperation, interruptExpiredOperations } = await import('@/lib/db/operations');
const runner = await import('@/lib/operations/runner');
const { startCheckCluster } = await import('./start-check-cluster');
const { startEnableMonitoring } = await import('./start-enable-monitoring');
const { resumeOperation } = await import('./resume-operation');
const { cancelOperation } = await import('./cancel-operation');
const { updateHost } = await import('./update-host');


let clusterId = 0;
let interruptedId = 0;

beforeAll(async () => {
  const prisma = await db();
  for (const user of Object.values(TEST_USERS)) await prisma.user.create({ data: { id: user.id, name: user.name, email: user.email, role: user.role } });
  clusterId = (await prisma.cluster.create({ data: { name: 'main' }, select: { id: true } })).id;
  for (const [name, role] of [['pg1', 'primary'], ['pg2', 'replica']] as const) {
    const host = await prisma.host.create({ data: { name, sshAddress: '127.0.0.9', authMethod: 'key', sshSecret: 'unused' }, select: { id: true } });
    await prisma.clusterMember.create({ data: { clusterId, hostId: host.id, role, applicationName: name } });
  }
  runner.setRunnerPorts(() => ({
    shell: { exec: async () => ({ code: 0, stdout: '', stderr: '', durationMs: 1 }) },
    pg: { query: async () => ({ columns: ['ok', 'in_recovery'], rows: [{ ok: '1', in_recovery: 'f' }], durationMs: 1 }) },
  }));
  const claim = await createOperation({ kind: 'check-cluster', clusterId, reason: '', actor: { id: null, email: 'seed@example.com' }, steps: [], runner: { id: 'tandem-gone:1#dead', leaseMs: 1 } });
  if (!claim.ok) throw new Error(claim.message);
  interruptedId = claim.operationId;
  await new Promise((resolve) => setTimeout(resolve, 5));
  await interruptExpiredOperations();
});

beforeEach(() => {
  session.user = null;
});

// Who may call them, and the audited refusals, are checked for every action in authorization.test.ts.
describe('operation actions', () => {
  it('an operator is refused a check while the interrupted operation holds the cluster, cancels it, then checks', async () => {
    session.user = TEST_USERS.operator;
    expect(await startCheckCluster(null, formData({ clusterId: String(clusterId) }))).toEqual({ ok: false, message: expect.stringContaining(`Operation ${interruptedId} is already running`) });
    expect(await cancelOperation(null, formData({ id: String(interruptedId) }))).toEqual({ ok: true, data: { operationId: interruptedId } });
    const started = await startCheckCluster(null, formData({ clusterId: String(clusterId), reason: 'after maintenance' }));
    if (!started.ok) throw new Error(started.message);
    expect(await runner.waitForOperation(started.data.operationId)).toEqual({ status: 'succeeded', outcome: 'All 4 steps succeeded.' });
    const audit = await (await db()).auditEvent.findMany({ where: { action: { in: ['operation.start', 'operation.cancel'] }, outcome: 'ok' }, select: { action: true, actorEmail: true }, orderBy: { id: 'asc' } });
    expect(audit).toEqual([
      { action: 'operation.start', actorEmail: 'seed@example.com' },
      { action: 'operation.cancel', actorEmail: 'operator@example.com' },
      { action: 'operation.start', actorEmail: 'operator@example.com' },
    ]);
  });

  it('enable monitoring is refused plainly, and audited, when a member\'s pg_hba file is unknown', async () => {
    session.user = TEST_USERS.operator;
    const result = await startEnableMonitoring(null, formData({ clusterId: String(clusterId) }));
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/pg_hba\.conf is on pg1, pg2/) });
    const audit = await (await db()).auditEvent.findFirst({ orderBy: { id: 'desc' }, select: { action: true, outcome: true, actorEmail: true } });
    expect(audit).toEqual({ action: 'cluster.enable-monitoring', outcome: 'failed', actorEmail: 'operator@example.com' });
  });

  it('an admin may resume: a failed resume is refused with its reason and audited', async () => {
    session.user = TEST_USERS.admin;
    expect(await resumeOperation(null, formData({ id: String(interruptedId) }))).toMatchObject({ ok: false, message: expect.stringMatching(/is cancelled/) });
    const audit = await (await db()).auditEvent.findFirst({ orderBy: { id: 'desc' }, select: { action: true, outcome: true } });
    expect(audit).toEqual({ action: 'operation.resume', outcome: 'failed' });
  });

  it('a host\'s address, ports and SSH user cannot be edited while an operation on its cluster is active; its notes can', async () => {
    session.user = TEST_USERS.admin;
    const prisma = await db();
    const busy = (await prisma.cluster.create({ data: { name: 'busy' }, select: { id: true } })).id;
    const host = await prisma.host.create({ data: { name: 'pg9', sshAddress: '192.0.2.9', authMethod: 'key', sshSecret: 'unused' }, select: { id: true } });
    await prisma.clusterMember.create({ data: { clusterId: busy, hostId: host.id, role: 'primary', applicationName: 'pg9' } });
    const claim = await createOperation({ kind: 'check-cluster', clusterId: busy, reason: '', actor: { id: null, email: 'seed@example.com' }, steps: [], runner: { id: 'tandem-b:1#beef', leaseMs: 60_000 } });
    if (!claim.ok) throw new Error(claim.message);
    const fields = { id: String(host.id), name: 'pg9', sshAddress: '192.0.2.9', sshPort: '22', sshUser: 'root', authMethod: 'key', privateKey: '', pgPort: '5432' };
    expect(await updateHost(null, formData({ ...fields, sshAddress: '192.0.2.99' }))).toEqual({ ok: false, message: `Operation ${claim.operationId} on cluster busy is active and acts on pg9: its address, ports and SSH user cannot change until the operation ends or is cancelled.` });
    expect(await updateHost(null, formData({ ...fields, sshUser: 'admin' }))).toMatchObject({ ok: false });
    expect(await prisma.host.findUniqueOrThrow({ where: { id: host.id }, select: { sshAddress: true, sshUser: true } })).toEqual({ sshAddress: '192.0.2.9', sshUser: 'root' });
    expect(await updateHost(null, formData({ ...fields, notes: 'rack 4' }))).toMatchObject({ ok: true });
  });
});
