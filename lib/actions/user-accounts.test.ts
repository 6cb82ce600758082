import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, expect, it, vi } from 'vitest';
import { formData } from '@/lib/testing/action-fixtures';
import type { Role } from '@/lib/auth/roles';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'd'.repeat(64);

/** The session cookie of the request being served; each concurrent call runs with its own. */
const request = new AsyncLocalStorage<{ cookie: string }>();
vi.mock('next/headers', async () => {
  const { cookies } = await import('@/lib/testing/next-request-mock');
  return { cookies, headers: async () => new Headers({ 'x-forwarded-for': '203.0.113.7', cookie: request.getStore()?.cookie ?? '' }) };
});
vi.mock('next/cache', () => import('@/lib/testing/next-request-mock'));
vi.mock('next/navigation', () => import('@/lib/testing/next-request-mock'));

const { db } = await import('@/lib/db/client');
const { auth } = await import('@/lib/auth/auth');
const { getCurrentUser } = await import('@/lib/auth/current-user');
const { createUserWithPassword } = await import('@/lib/auth/users');
const { signIn } = await import('./sign-in');
const { changeUserRole } = await import('./change-user-role');
const { disableUser } = await import('./disable-user');
const { enableUser } = await import('./enable-user');
const { removeUser } = await import('./remove-user');
const { setUserPassword } = await import('./set-user-password');
const { changeOwnPassword } = await import('./change-own-password');

const PASSWORD = 'correct horse battery';

/** Creates a user with a real password through better-auth; returns the id. */
const addUser = (email: string, role: Role) => createUserWithPassword({ name: email, email, password: PASSWORD, role });

/** Signs in through better-auth and returns the session cookie a browser would send. */
async function signedIn(email: string, password = PASSWORD): Promise<string> {
  const { headers } = await (await auth()).api.signInEmail({ body: { email, password }, headers: new Headers(), returnHeaders: true });
  const [cookie = ''] = (headers.get('set-cookie') ?? '').split(';');
  return cookie;
}

/** Runs `call` as the request that carries `cookie`. */
const as = <T,>(cookie: string, call: () => Promise<T>): Promise<T> => request.run({ cookie }, call);

const whoIs = async (cookie: string) => (await as(cookie, getCurrentUser))?.email ?? null;
const sessionsOf = async (userId: string) => (await db()).session.count({ where: { userId } });
const latestAudit = async () =>
  (await db()).auditEvent.findFirst({ orderBy: { id: 'desc' }, select: { action: true, outcome: true, actorEmail: true, targetName: true, summary: true } });

const bossId = await addUser('boss@example.com', 'admin');
let boss = await signedIn('boss@example.com');

describe('disabling and enabling a user', () => {
  it('ends the user\'s sessions at once, refuses their sign-in plainly, and lets them back in once enabled', async () => {
    const id = await addUser('dora@example.com', 'operator');
    const dora = await signedIn('dora@example.com');
    expect(await whoIs(dora)).toBe('dora@example.com');

    expect(await as(boss, () => disableUser(null, formData({ userId: id })))).toEqual({ ok: true, data: null });
    expect(await sessionsOf(id)).toBe(0);
    expect(await whoIs(dora)).toBeNull();
    expect(await latestAudit()).toEqual({ action: 'user.disable', outcome: 'ok', actorEmail: 'boss@example.com', targetName: 'dora@example.com', summary: 'Disabled dora@example.com and ended 1 session' });

    expect(await signIn(null, formData({ email: 'dora@example.com', password: PASSWORD }))).toEqual({ ok: false, message: 'This account is disabled. Ask an admin to enable it.' });
    expect(await sessionsOf(id)).toBe(0);
    expect(await latestAudit()).toMatchObject({ action: 'auth.sign_in', outcome: 'denied', actorEmail: 'dora@example.com' });
    expect(await signIn(null, formData({ email: 'dora@example.com', password: 'not the password' }))).toEqual({ ok: false, message: 'The e-mail or password is wrong.' });

    expect(await as(boss, () => enableUser(null, formData({ userId: id })))).toEqual({ ok: true, data: null });
    await expect(signIn(null, formData({ email: 'dora@example.com', password: PASSWORD }))).rejects.toMatchObject({ to: '/' });
    expect(await sessionsOf(id)).toBe(1);
  });

  it('refuses a request still carrying the cookie of a session made before the account was disabled', async () => {
    const id = await addUser('late@example.com', 'viewer');
    const late = await signedIn('late@example.com');
    await (await db()).user.update({ where: { id }, data: { disabledAt: new Date() } });
    expect(await sessionsOf(id)).toBe(1);
    expect(await whoIs(late)).toBeNull();
  });

  it('refuses, and audits, disabling yourself or the last enabled admin', async () => {
    expect(await as(boss, () => disableUser(null, formData({ userId: bossId })))).toEqual({ ok: false, message: 'You cannot disable your own account: ask another admin.' });
    expect(await latestAudit()).toMatchObject({ action: 'user.disable', outcome: 'denied', targetName: 'boss@example.com' });

    const helperId = await addUser('helper@example.com', 'admin');
    const helper = await signedIn('helper@example.com');
    expect(await as(helper, () => disableUser(null, formData({ userId: bossId })))).toEqual({ ok: true, data: null });
    await expect(signedIn('boss@example.com')).rejects.toMatchObject({ body: { code: 'ACCOUNT_DISABLED' } });
    expect(await as(helper, () => changeUserRole(null, formData({ userId: helperId, role: 'viewer' })))).toEqual({
      ok: false,
      message: 'Tandem needs at least one enabled admin: make someone else admin first.',
    });
    expect(await latestAudit()).toMatchObject({ action: 'user.change_role', outcome: 'denied', actorEmail: 'helper@example.com' });
    expect(await as(helper, () => enableUser(null, formData({ userId: bossId })))).toEqual({ ok: true, data: null });
    boss = await signedIn('boss@example.com');
    expect(await as(boss, () => changeUserRole(null, formData({ userId: helperId, role: 'viewer' })))).toEqual({ ok: true, data: null });
  });
});

describe('changing a role', () => {
  it('ends the user\'s sessions, so they sign in again with the new role', async () => {
    const id = await addUser('rita@example.com', 'viewer');
    const first = await signedIn('rita@example.com');
    const second = await signedIn('rita@example.com');
    expect(await as(boss, () => changeUserRole(null, formData({ userId: id, role: 'operator' })))).toEqual({ ok: true, data: null });
    expect([await whoIs(first), await whoIs(second), await sessionsOf(id)]).toEqual([null, null, 0]);
    expect(await latestAudit()).toMatchObject({ action: 'user.change_role', outcome: 'ok', summary: 'Changed rita@example.com from viewer to operator and ended 2 sessions' });
    expect(await as(await signedIn('rita@example.com'), getCurrentUser)).toMatchObject({ email: 'rita@example.com', role: 'operator' });
  });
});

describe('passwords', () => {
  const change = (currentPassword: string, newPassword: string) => changeOwnPassword(null, formData({ currentPassword, newPassword, confirm: newPassword }));

  it('a user changes their own only with the current one, and their other sessions end', async () => {
    const id = await addUser('paul@example.com', 'viewer');
    const here = await signedIn('paul@example.com');
    const elsewhere = await signedIn('paul@example.com');

    expect(await as(here, () => change('a wrong password', 'a brand new password'))).toEqual({
      ok: false,
      message: 'Some fields need attention.',
      fieldErrors: { currentPassword: ['The current password is wrong'] },
    });
    expect(await latestAudit()).toMatchObject({ action: 'user.change_password', outcome: 'failed', actorEmail: 'paul@example.com' });
    expect(await sessionsOf(id)).toBe(2);

    expect(await as(here, () => change(PASSWORD, 'a brand new password'))).toEqual({ ok: true, data: null });
    expect(await whoIs(elsewhere)).toBeNull();
    expect(await sessionsOf(id)).toBe(1);
    expect(await latestAudit()).toMatchObject({ action: 'user.change_password', outcome: 'ok', actorEmail: 'paul@example.com' });
    await expect(signedIn('paul@example.com')).rejects.toMatchObject({ body: { code: 'INVALID_EMAIL_OR_PASSWORD' } });
    expect(await whoIs(await signedIn('paul@example.com', 'a brand new password'))).toBe('paul@example.com');
  });

  it('wrong current passwords are throttled like failed sign-ins: after three, even the right one waits', async () => {
    await addUser('gus@example.com', 'viewer');
    const session = await signedIn('gus@example.com');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(await as(session, () => change(`wrong guess ${attempt}`, 'a brand new password'))).toMatchObject({ ok: false, fieldErrors: { currentPassword: ['The current password is wrong'] } });
    }
    const throttled = await as(session, () => change(PASSWORD, 'a brand new password'));
    expect(throttled).toMatchObject({ ok: false, message: expect.stringMatching(/^Too many wrong passwords\. Try again in \d+ seconds\.$/) });
    expect(await latestAudit()).toMatchObject({ action: 'user.change_password', outcome: 'denied', actorEmail: 'gus@example.com' });
    await expect(signedIn('gus@example.com', 'a brand new password')).rejects.toMatchObject({ body: { code: 'INVALID_EMAIL_OR_PASSWORD' } });
  });

  it('an admin sets another user\'s password, which ends their sessions, but not their own', async () => {
    const id = await addUser('sam@example.com', 'operator');
    const sam = await signedIn('sam@example.com');
    expect(await as(boss, () => setUserPassword(null, formData({ userId: id, password: 'set by the admin' })))).toEqual({ ok: true, data: null });
    expect(await whoIs(sam)).toBeNull();
    expect(await whoIs(await signedIn('sam@example.com', 'set by the admin'))).toBe('sam@example.com');
    expect(await latestAudit()).toMatchObject({ action: 'user.set_password', outcome: 'ok', targetName: 'sam@example.com' });

    expect(await as(boss, () => setUserPassword(null, formData({ userId: bossId, password: 'my own new one' })))).toMatchObject({ ok: false });
    expect(await latestAudit()).toMatchObject({ action: 'user.set_password', outcome: 'denied', targetName: 'boss@example.com' });
    expect(await whoIs(boss)).toBe('boss@example.com');
  });
});

describe('removing a user', () => {
  it('needs the account disabled and the e-mail typed, never yourself, and keeps the audit trail', async () => {
    const id = await addUser('gone@example.com', 'viewer');
    const remove = (userId: string, confirm: string) => as(boss, () => removeUser(null, formData({ userId, confirm })));

    expect(await remove(id, 'gone@example.com')).toEqual({ ok: false, message: 'Disable gone@example.com before removing the account.' });
    await as(boss, () => disableUser(null, formData({ userId: id })));
    expect(await remove(id, 'someone@example.com')).toEqual({ ok: false, message: 'Type gone@example.com to confirm the removal.' });
    expect(await remove(bossId, 'boss@example.com')).toEqual({ ok: false, message: 'You cannot remove your own account: ask another admin.' });

    expect(await remove(id, ' Gone@example.com ')).toEqual({ ok: true, data: null });
    const prisma = await db();
    expect(await prisma.user.count({ where: { id } })).toBe(0);
    expect(await prisma.account.count({ where: { userId: id } })).toBe(0);
    const trail = await prisma.auditEvent.findMany({ where: { targetType: 'user', targetId: id }, orderBy: { id: 'asc' }, select: { action: true, outcome: true, targetName: true } });
    expect(trail).toEqual([
      { action: 'user.remove', outcome: 'denied', targetName: 'gone@example.com' },
      { action: 'user.disable', outcome: 'ok', targetName: 'gone@example.com' },
      { action: 'user.remove', outcome: 'failed', targetName: 'gone@example.com' },
      { action: 'user.remove', outcome: 'ok', targetName: 'gone@example.com' },
    ]);
  });
});
