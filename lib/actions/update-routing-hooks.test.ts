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
vi.mock('next/cache', () => import('@/lib/testing/next-request-mock'));

const { db } = await import('@/lib/db/client');
const { loadRoutingHookSecrets, readRoutingHooks } = await import('@/lib/db/failover');
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

describe('hook secrets', () => {
  const TOKEN = 'tok-9f2c "quoted" $(id)';
  const save = (fields: Record<string, string | string[]>) => updateRoutingHooks(null, formData({ clusterId: String(clusterId), hooks: hooksJson(), ...fields }));
  const storedRows = async () => JSON.stringify(await (await db()).cluster.findMany({ select: { routingHooks: true, routingHookSecrets: true } }));
  const auditRows = async () => JSON.stringify(await (await db()).auditEvent.findMany({ where: { action: 'cluster.routing-hooks' } }));

  it('are stored sealed for their cluster and name, audited and shown to the form by name only', async () => {
    session.user = TEST_USERS.admin;
    expect(await save({ secrets: `DNS_TOKEN=${TOKEN}\nVIP_KEY=k2-secret` })).toEqual({ ok: true, data: null });
    expect(await storedRows()).not.toMatch(/tok-9f2c|k2-secret/);
    expect(await auditRows()).not.toMatch(/tok-9f2c|k2-secret/);
    expect(await readRoutingHooks(clusterId)).toEqual({ hooks: [{ hostId, command: 'ip addr add 10.88.0.100/24 dev eth0', timeoutMs: 5000 }], secretNames: ['DNS_TOKEN', 'VIP_KEY'] });
    expect(await loadRoutingHookSecrets(clusterId)).toEqual([{ name: 'DNS_TOKEN', value: TOKEN }, { name: 'VIP_KEY', value: 'k2-secret' }]);
    expect(await (await db()).auditEvent.findFirst({ where: { action: 'cluster.routing-hooks' }, orderBy: { id: 'desc' }, select: { summary: true, details: true } })).toEqual({
      summary: `Set 1 routing hook on cluster ${clusterId}; set hook secrets DNS_TOKEN, VIP_KEY`,
      details: { hooks: [{ hostId, command: 'ip addr add 10.88.0.100/24 dev eth0', timeoutMs: 5000 }], secretsSet: ['DNS_TOKEN', 'VIP_KEY'], secretsCleared: [] },
    });

    const other = (await (await db()).cluster.create({ data: { name: 'copy' }, select: { id: true } })).id;
    const { routingHookSecrets } = await (await db()).cluster.findUniqueOrThrow({ where: { id: clusterId }, select: { routingHookSecrets: true } });
    await (await db()).cluster.update({ where: { id: other }, data: { routingHookSecrets: routingHookSecrets ?? {} } });
    await expect(loadRoutingHookSecrets(other)).rejects.toThrow(/could not be decrypted/);
  });

  it('keep what is set when the field is empty; are replaced by name and cleared by ticking', async () => {
    session.user = TEST_USERS.admin;
    expect(await save({})).toEqual({ ok: true, data: null });
    expect((await loadRoutingHookSecrets(clusterId)).map((secret) => secret.name)).toEqual(['DNS_TOKEN', 'VIP_KEY']);
    expect(await save({ secrets: 'VIP_KEY=k3-secret', clearSecrets: ['DNS_TOKEN', 'NEVER_SET'] })).toEqual({ ok: true, data: null });
    expect(await loadRoutingHookSecrets(clusterId)).toEqual([{ name: 'VIP_KEY', value: 'k3-secret' }]);
    expect(await (await db()).auditEvent.findFirst({ where: { action: 'cluster.routing-hooks' }, orderBy: { id: 'desc' }, select: { summary: true } })).toEqual({
      summary: `Set 1 routing hook on cluster ${clusterId}; set hook secret VIP_KEY; cleared DNS_TOKEN`,
    });
  });

  it('refuses bad lines without echoing a value, and changes nothing', async () => {
    session.user = TEST_USERS.admin;
    const refused = await save({ secrets: 'GOOD=fine-secret\nBAD NAME=leaky-secret\nnot-even-a-pair' });
    expect(refused).toEqual({ ok: false, message: 'The hook secrets need attention.', fieldErrors: { secrets: ['line 2: use letters, digits and _ (an environment variable name, not starting with a digit)', 'line 3: write NAME=value'] } });
    expect(JSON.stringify(refused)).not.toMatch(/fine-secret|leaky-secret|not-even/);
    expect(await loadRoutingHookSecrets(clusterId)).toEqual([{ name: 'VIP_KEY', value: 'k3-secret' }]);
  });
});
