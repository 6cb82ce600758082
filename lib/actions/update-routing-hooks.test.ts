import { beforeAll, describe, expect, it, vi } from 'vitest';
import { formData, TEST_USERS } from '@/lib/testing/action-fixtures';
import type { CurrentUser } from '@/lib/auth/current-user';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = '7'.repeat(64);

const session: { user: CurrentUser | null } = { user: null };
vi.mock('@/lib/auth/current-user', () => ({ getCurrentUser: async () => session.user, requireUser: async () => session.user }));
vi.mock('next/headers', async () => {
  const { stampedHeaders } = await import('@/lib/testing/stamped-request');
  return { headers: async () => stampedHeaders('203.0.113.8') };
});

const { db } = await import('@/lib/db/client');
const { updateRoutingHooks } = await import('./update-routing-hooks');

let clusterId = 0;
let hostId = 0;

beforeAll(async () => {
  const prisma = await db();
  for (const user of Object.values(TEST_USERS)) await prisma.user.create({ data: { id: user.id, name: user.name, email: user.email, role: user.role } });
  clusterId = (await prisma.cluster.create({ data: { name: 'orders', status: 'active' }, select: { id: true } })).id;
  hostId = (await prisma.host.create({ data: { name: 'pg1', sshAddress: '127.0.0.9', authMethod: 'key', sshSecret: 'x' }, select: { id: true } })).id;
});

const hooksJson = () => JSON.stringify([{ hostId, command: 'ip addr add 10.88.0.100/24 dev eth0', timeoutMs: 5000 }]);

const storedHooks = async () => (await (await db()).cluster.findUniqueOrThrow({ where: { id: clusterId }, select: { routingHooks: true } })).routingHooks;

// Who may call it, and the audited refusals, are checked for every action in authorization.test.ts.
describe('routing hooks', () => {
  it('lets an admin set routing hooks, audited with the commands; rejects invalid ones plainly', async () => {
    session.user = TEST_USERS.admin;
    expect(await updateRoutingHooks(null, formData({ clusterId: String(clusterId), hooks: '{nope' }))).toMatchObject({ ok: false, message: 'The hooks are not valid JSON.' });
    expect(await updateRoutingHooks(null, formData({ clusterId: String(clusterId), hooks: JSON.stringify([{ hostId: 99_999, command: 'true' }]) }))).toMatchObject({ ok: false, message: 'A hook names a host that is not in the inventory.' });
    expect(await updateRoutingHooks(null, formData({ clusterId: String(clusterId), hooks: hooksJson() }))).toEqual({ ok: true, data: null });
    expect(await storedHooks()).toEqual([{ hostId, command: 'ip addr add 10.88.0.100/24 dev eth0', timeoutMs: 5000 }]);
    const audit = await (await db()).auditEvent.findFirst({ where: { action: 'cluster.routing-hooks', outcome: 'ok' }, select: { actorEmail: true, summary: true } });
    expect(audit).toEqual({ actorEmail: 'admin@example.com', summary: `Set 1 routing hook on cluster ${clusterId}` });
  });
});
