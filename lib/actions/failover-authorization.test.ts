import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { formData, TEST_USERS } from '@/lib/testing/action-fixtures';
import type { CurrentUser } from '@/lib/auth/current-user';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = '7'.repeat(64);

const session: { user: CurrentUser | null } = { user: null };
vi.mock('@/lib/auth/current-user', () => ({ getCurrentUser: async () => session.user, requireUser: async () => session.user }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': '203.0.113.8' }) }));

const { db } = await import('@/lib/db/client');
const { startPromote } = await import('./start-promote');
const { assessPromote } = await import('./assess-promote');
const { startSwitchover } = await import('./start-switchover');
const { startRejoin } = await import('./start-rejoin');
const { updateRoutingHooks } = await import('./update-routing-hooks');
const { startDrill } = await import('./start-drill');

let clusterId = 0;
let hostId = 0;

beforeAll(async () => {
  const prisma = await db();
  for (const user of Object.values(TEST_USERS)) await prisma.user.create({ data: { id: user.id, name: user.name, email: user.email, role: user.role } });
  clusterId = (await prisma.cluster.create({ data: { name: 'orders', status: 'active' }, select: { id: true } })).id;
  hostId = (await prisma.host.create({ data: { name: 'pg1', sshAddress: '127.0.0.9', authMethod: 'key', sshSecret: 'x' }, select: { id: true } })).id;
});

beforeEach(() => {
  session.user = null;
});

const hooksJson = () => JSON.stringify([{ hostId, command: 'ip addr add 10.88.0.100/24 dev eth0', timeoutMs: 5000 }]);
const actions = [
  { name: 'startPromote', roles: ['operator', 'admin'], run: () => startPromote(null, formData({ clusterId: String(clusterId), candidate: 'pg2', confirmName: 'orders', reason: 'test' })) },
  { name: 'assessPromote', roles: ['operator', 'admin'], run: () => assessPromote(clusterId) },
  { name: 'startSwitchover', roles: ['operator', 'admin'], run: () => startSwitchover(null, formData({ clusterId: String(clusterId), candidate: 'pg2', confirmName: 'orders', reason: 'test' })) },
  { name: 'startRejoin', roles: ['operator', 'admin'], run: () => startRejoin(null, formData({ clusterId: String(clusterId), member: 'pg1' })) },
  { name: 'startDrill', roles: ['operator', 'admin'], run: () => startDrill(null, formData({ clusterId: String(clusterId), candidate: 'pg2', confirmName: 'orders', reason: 'test' })) },
  { name: 'updateRoutingHooks', roles: ['admin'], run: () => updateRoutingHooks(null, formData({ clusterId: String(clusterId), hooks: hooksJson() })) },
] as const;

async function snapshot() {
  const prisma = await db();
  return {
    operations: await prisma.operation.count(),
    hooks: (await prisma.cluster.findUniqueOrThrow({ where: { id: clusterId }, select: { routingHooks: true } })).routingHooks,
  };
}

describe('failover actions check the session and role themselves', () => {
  it.each(actions)('$name refuses without a session and changes nothing', async (action) => {
    const before = await snapshot();
    expect(await action.run()).toMatchObject({ ok: false, message: expect.stringMatching(/Sign in again/) });
    expect(await snapshot()).toEqual(before);
  });

  for (const role of ['viewer', 'operator'] as const) {
    it.each(actions.filter((action) => !(action.roles as readonly string[]).includes(role)))(`$name refuses a ${role}, changes nothing and audits the refusal`, async (action) => {
      session.user = TEST_USERS[role];
      const before = await snapshot();
      expect(await action.run()).toMatchObject({ ok: false, message: expect.stringMatching(new RegExp(`role \\(${role}\\)`)) });
      expect(await snapshot()).toEqual(before);
      const audit = await (await db()).auditEvent.findFirst({ orderBy: { id: 'desc' }, select: { outcome: true, actorEmail: true, clientAddress: true } });
      expect(audit).toEqual({ outcome: 'denied', actorEmail: TEST_USERS[role].email, clientAddress: '203.0.113.8' });
    });
  }

  it('lets an admin set routing hooks, audited with the commands; rejects invalid ones plainly', async () => {
    session.user = TEST_USERS.admin;
    expect(await updateRoutingHooks(null, formData({ clusterId: String(clusterId), hooks: '{nope' }))).toMatchObject({ ok: false, message: 'The hooks are not valid JSON.' });
    expect(await updateRoutingHooks(null, formData({ clusterId: String(clusterId), hooks: JSON.stringify([{ hostId: 99_999, command: 'true' }]) }))).toMatchObject({ ok: false, message: 'A hook names a host that is not in the inventory.' });
    expect(await updateRoutingHooks(null, formData({ clusterId: String(clusterId), hooks: hooksJson() }))).toEqual({ ok: true, data: null });
    expect((await snapshot()).hooks).toEqual([{ hostId, command: 'ip addr add 10.88.0.100/24 dev eth0', timeoutMs: 5000 }]);
    const audit = await (await db()).auditEvent.findFirst({ where: { action: 'cluster.routing-hooks', outcome: 'ok' }, select: { actorEmail: true, summary: true } });
    expect(audit).toEqual({ actorEmail: 'admin@example.com', summary: `Set 1 routing hook on cluster ${clusterId}` });
  });
});
