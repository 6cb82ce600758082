import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { formData, TEST_USERS } from '@/lib/testing/action-fixtures';
import { serverExports } from '@/lib/testing/server-actions';
import type { CurrentUser } from '@/lib/auth/current-user';
import { can, ROLES } from '@/lib/auth/roles';
import { actionDefinition, type ActionDefinition } from './define-action';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'a'.repeat(64);

const session: { user: CurrentUser | null } = { user: null };

vi.mock('@/lib/auth/current-user', () => ({ getCurrentUser: async () => session.user, requireUser: async () => session.user }));
vi.mock('next/headers', () => import('@/lib/testing/next-request-mock'));
vi.mock('next/cache', () => import('@/lib/testing/next-request-mock'));
vi.mock('next/navigation', () => import('@/lib/testing/next-request-mock'));
const redirectedTo = (target: string) => (error: { to?: string }) => (error.to === target ? { ok: true } : Promise.reject(error));

const { db } = await import('@/lib/db/client');
const { exports: found } = await serverExports(import.meta.dirname);
const { createHost } = await import('./create-host');
const { updateHost } = await import('./update-host');
const { deleteHost } = await import('./delete-host');
const { createUser } = await import('./create-user');
const { changeUserRole } = await import('./change-user-role');
const { checkHost } = await import('./check-host');

/** The only actions open without a session: the sign-in forms and signing out. A new one must be added here on purpose. */
const OPEN_TO_ANYONE = ['createFirstAdminAccount', 'signIn', 'signOut'];

/** The only guarded actions every role may call: a user's own account and API tokens. A new one must be added here on purpose. */
const FOR_EVERY_ROLE = ['changeOwnPassword', 'createApiToken', 'revokeApiToken'];

/** Each export's definition, from the registry `defineAction` and its variants keep; undefined for one made otherwise. */
const defined = found.map((entry) => ({ ...entry, definition: actionDefinition(entry.value) }));
const guarded = defined.flatMap(({ name, value, definition }) =>
  definition && definition.permission !== 'public' ? [{ name, definition: { ...definition, permission: definition.permission }, run: value as (...args: unknown[]) => Promise<unknown> }] : [],
);

const TRIPPED = 'the action read the form before its session and role were checked';

/** A posted form that fails the test as soon as anything reads it. */
class TripwireForm extends FormData {
  override entries(): never {
    throw new Error(TRIPPED);
  }
  override get(): never {
    throw new Error(TRIPPED);
  }
  override getAll(): never {
    throw new Error(TRIPPED);
  }
  override has(): never {
    throw new Error(TRIPPED);
  }
  override forEach(): never {
    throw new Error(TRIPPED);
  }
}

/** Calls an action as the browser would, with a body it must not read before letting the caller in. */
function callWithTripwire(action: { definition: ActionDefinition; run: (...args: unknown[]) => Promise<unknown> }) {
  return action.definition.input === 'form' ? action.run(null, new TripwireForm()) : action.run(new TripwireForm());
}

async function stored() {
  const prisma = await db();
  return {
    users: await prisma.user.findMany({ select: { email: true, role: true }, orderBy: { email: 'asc' } }),
    hosts: await prisma.host.findMany({ select: { name: true, notes: true, hostKeyFingerprint: true }, orderBy: { id: 'asc' } }),
    clusters: await prisma.cluster.count(),
    operations: await prisma.operation.count(),
    webhooks: await prisma.webhook.count(),
    alertRules: await prisma.alertRule.count(),
    settings: await prisma.setting.count(),
    audits: await prisma.auditEvent.count(),
  };
}

const latestAudit = async () =>
  (await db()).auditEvent.findFirst({ orderBy: { id: 'desc' }, select: { action: true, outcome: true, actorEmail: true, summary: true, clientAddress: true } });

const keyDir = mkdtempSync(path.join(tmpdir(), 'tandem-key-'));
execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(keyDir, 'id')]);
const privateKey = readFileSync(path.join(keyDir, 'id'), 'utf8');

const hostFields = (name: string) => ({ name, sshAddress: '127.0.0.9', sshPort: '22', sshUser: 'root', authMethod: 'key', privateKey, pgPort: '5432' });

let hostId = 0;

beforeAll(async () => {
  const prisma = await db();
  for (const user of Object.values(TEST_USERS)) await prisma.user.create({ data: { id: user.id, name: user.name, email: user.email, role: user.role } });
  session.user = TEST_USERS.admin;
  const created = await createHost(null, formData(hostFields('seed-host')));
  if (!created.ok) throw new Error(created.message);
  hostId = created.data.id;
});

beforeEach(() => {
  session.user = null;
});

describe('every exported server action checks the session and role itself', () => {
  it('is made by defineAction or one of its variants, so its permission is known', () => {
    expect(found.length).toBeGreaterThan(30);
    expect(defined.filter((entry) => !entry.definition).map((entry) => `${entry.file}: ${entry.name}`)).toEqual([]);
    expect(defined.filter((entry) => entry.definition?.permission === 'public').map((entry) => entry.name).sort()).toEqual(OPEN_TO_ANYONE);
  });

  it.each(guarded)('$name refuses a signed-out caller before reading what was posted, and changes nothing', async (action) => {
    const before = await stored();
    expect(await callWithTripwire(action)).toEqual({ ok: false, message: 'Your session has ended. Sign in again.' });
    expect(await stored()).toEqual(before);
  });

  const refusals = guarded.flatMap((action) => ROLES.filter((role) => !can(role, action.definition.permission)).map((role) => ({ ...action, role })));
  it('has a refused role for every guarded action but those on purpose open to every role', () => {
    expect(new Set(refusals.map((refusal) => refusal.name))).toEqual(new Set(guarded.map((action) => action.name).filter((name) => !FOR_EVERY_ROLE.includes(name))));
    expect(guarded.filter((action) => FOR_EVERY_ROLE.includes(action.name)).map((action) => action.definition.permission)).toEqual(FOR_EVERY_ROLE.map(() => 'read'));
  });

  it.each(refusals)('$name refuses a $role before reading what was posted, and only audits the refusal', async (action) => {
    session.user = TEST_USERS[action.role];
    const before = await stored();
    expect(await callWithTripwire(action)).toEqual({ ok: false, message: `Your role (${action.role}) cannot do this. Ask an admin for the operator role.` });
    expect(await stored()).toEqual({ ...before, audits: before.audits + 1 });
    expect(await latestAudit()).toEqual({
      action: action.definition.audit,
      outcome: 'denied',
      actorEmail: TEST_USERS[action.role].email,
      summary: `Refused ${action.definition.audit}: the ${action.role} role cannot do this`,
      clientAddress: '203.0.113.7',
    });
  });

  const admitted = guarded.flatMap((action) => ROLES.filter((role) => can(role, action.definition.permission)).map((role) => ({ ...action, role })));
  it.each(admitted)('$name lets a $role past the check to read what was posted', async (action) => {
    session.user = TEST_USERS[action.role];
    const outcome = await callWithTripwire(action).catch((error: unknown) => ({ threw: String(error) }));
    if (action.definition.input === 'form') expect(outcome).toEqual({ threw: `Error: ${TRIPPED}` });
    else expect(outcome).toMatchObject({ ok: false, message: expect.not.stringMatching(/Sign in again|cannot do this/) });
  });
});

describe('host and user actions for a role that has the permission', () => {
  const actions = [
    { name: 'createHost', run: () => createHost(null, formData(hostFields('new-host'))) },
    { name: 'updateHost', run: () => updateHost(null, formData({ ...hostFields('seed-host'), id: String(hostId), notes: 'changed' })) },
    { name: 'checkHost', run: () => checkHost(null, formData({ id: String(hostId) })) },
    { name: 'deleteHost', run: () => deleteHost(null, formData({ id: String(hostId) })).catch(redirectedTo('/hosts')) },
    { name: 'createUser', run: () => createUser(null, formData({ name: 'New', email: 'new@example.com', password: 'long-enough-pass', role: 'admin' })) },
    { name: 'changeUserRole', run: () => changeUserRole(null, formData({ userId: TEST_USERS.viewer.id, role: 'admin' })) },
  ];

  // acceptHostKey needs a live SSH server to read the key from; the lab tests cover it.
  it.each(actions)('$name succeeds for an admin', async (action) => {
    session.user = TEST_USERS.admin;
    expect(await action.run()).toMatchObject({ ok: true });
  });
});
