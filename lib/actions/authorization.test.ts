import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { formData, TEST_USERS } from '@/lib/testing/action-fixtures';
import type { CurrentUser } from '@/lib/auth/current-user';
import type { Role } from '@/lib/auth/roles';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'a'.repeat(64);

const session: { user: CurrentUser | null } = { user: null };

vi.mock('@/lib/auth/current-user', () => ({ getCurrentUser: async () => session.user, requireUser: async () => session.user }));
vi.mock('next/headers', () => import('@/lib/testing/next-request-mock'));
vi.mock('next/cache', () => import('@/lib/testing/next-request-mock'));
vi.mock('next/navigation', () => import('@/lib/testing/next-request-mock'));
const redirectedTo = (target: string) => (error: { to?: string }) => (error.to === target ? { ok: true } : Promise.reject(error));

const { db } = await import('@/lib/db/client');
const { createHost } = await import('./create-host');
const { updateHost } = await import('./update-host');
const { deleteHost } = await import('./delete-host');
const { createUser } = await import('./create-user');
const { changeUserRole } = await import('./change-user-role');
const { checkHost } = await import('./check-host');
const { acceptHostKey } = await import('./accept-host-key');

const keyDir = mkdtempSync(path.join(tmpdir(), 'tandem-key-'));
execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(keyDir, 'id')]);
const privateKey = readFileSync(path.join(keyDir, 'id'), 'utf8');

const hostFields = (name: string) => ({ name, sshAddress: '127.0.0.9', sshPort: '22', sshUser: 'root', authMethod: 'key', privateKey, pgPort: '5432' });

let hostId = 0;
let viewerId = '';

beforeAll(async () => {
  const prisma = await db();
  for (const user of Object.values(TEST_USERS)) await prisma.user.create({ data: { id: user.id, name: user.name, email: user.email, role: user.role } });
  viewerId = TEST_USERS.viewer.id;
  session.user = TEST_USERS.admin;
  const created = await createHost(null, formData(hostFields('seed-host')));
  if (!created.ok) throw new Error(created.message);
  hostId = created.data.id;
});

beforeEach(() => {
  session.user = null;
});

const actions = [
  { name: 'createHost', permission: 'hosts.write', run: () => createHost(null, formData(hostFields('new-host'))) },
  { name: 'updateHost', permission: 'hosts.write', run: () => updateHost(null, formData({ ...hostFields('seed-host'), id: String(hostId), notes: 'changed' })) },
  { name: 'checkHost', permission: 'hosts.write', run: () => checkHost(null, formData({ id: String(hostId) })) },
  { name: 'acceptHostKey', permission: 'hosts.write', run: () => acceptHostKey(null, formData({ id: String(hostId), fingerprint: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })) },
  { name: 'deleteHost', permission: 'hosts.write', run: () => deleteHost(null, formData({ id: String(hostId) })).catch(redirectedTo('/hosts')) },
  { name: 'createUser', permission: 'TEST_USERS.manage', run: () => createUser(null, formData({ name: 'New', email: 'new@example.com', password: 'long-enough-pass', role: 'admin' })) },
  { name: 'changeUserRole', permission: 'TEST_USERS.manage', run: () => changeUserRole(null, formData({ userId: viewerId, role: 'admin' })) },
] as const;

const allowed: Record<string, Role[]> = { 'hosts.write': ['operator', 'admin'], 'TEST_USERS.manage': ['admin'] };

async function snapshot() {
  const prisma = await db();
  return {
    hosts: await prisma.host.findMany({ select: { name: true, notes: true }, orderBy: { id: 'asc' } }),
    users: await prisma.user.findMany({ select: { email: true, role: true }, orderBy: { email: 'asc' } }),
  };
}

describe('every action checks the session and role itself', () => {
  it.each(actions)('$name refuses without a session and changes nothing', async (action) => {
    const before = await snapshot();
    const result = await action.run();
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/Sign in again/) });
    expect(await snapshot()).toEqual(before);
  });

  for (const role of ['viewer', 'operator'] as const) {
    const refused = actions.filter((action) => !allowed[action.permission]?.includes(role));
    it.each(refused)(`$name refuses a ${role}, changes nothing and audits the refusal`, async (action) => {
      session.user = TEST_USERS[role];
      const before = await snapshot();
      const result = await action.run();
      expect(result).toMatchObject({ ok: false, message: expect.stringMatching(new RegExp(`role \\(${role}\\)`)) });
      expect(await snapshot()).toEqual(before);
      const audit = await (await db()).auditEvent.findFirst({ orderBy: { id: 'desc' }, select: { outcome: true, actorEmail: true, clientAddress: true } });
      expect(audit).toEqual({ outcome: 'denied', actorEmail: TEST_USERS[role].email, clientAddress: '203.0.113.7' });
    });
  }

  // acceptHostKey needs a live SSH server to read the key from; the lab tests cover it.
  it.each(actions.filter((action) => action.name !== 'acceptHostKey'))('$name succeeds for a role that has its permission', async (action) => {
    session.user = TEST_USERS.admin;
    const result = await action.run();
    expect(result).toMatchObject({ ok: true });
  });
});
