import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Server, utils } from 'ssh2';
import { testEd25519KeyPair } from '@/lib/ssh/testing/host-key';
import { formData, TEST_USERS } from '@/lib/testing/action-fixtures';
import { closedPort } from '@/lib/testing/closed-port';
import type { CurrentUser } from '@/lib/auth/current-user';
import { describeHostKey } from '@/lib/ssh/host-key';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = '3c'.repeat(32);

const session: { user: CurrentUser | null } = { user: null };
vi.mock('@/lib/auth/current-user', () => ({ getCurrentUser: async () => session.user, requireUser: async () => session.user }));
vi.mock('next/headers', () => import('@/lib/testing/next-request-mock'));
vi.mock('next/cache', () => import('@/lib/testing/next-request-mock'));

const { db } = await import('@/lib/db/client');
const { seal } = await import('@/lib/db/secrets');
const { bindLegacyHostSecrets, loadHostTarget } = await import('@/lib/db/hosts');
const { createHost } = await import('./create-host');
const { updateHost } = await import('./update-host');
const { checkHost } = await import('./check-host');
const { acceptHostKey } = await import('./accept-host-key');

/** An SSH server that records every password offered to it and lets nobody in: what an operator could point a host at. */
function passwordCatcher(): Promise<{ port: number; fingerprint: string; offered: string[]; close: () => void }> {
  const offered: string[] = [];
  const hostKey = testEd25519KeyPair();
  const server = new Server({ hostKeys: [hostKey.private] }, (client) => {
    client.on('authentication', (ctx) => {
      if (ctx.method === 'password') offered.push(ctx.password);
      ctx.reject(['password', 'publickey']);
    });
    client.on('error', () => undefined);
  });
  const parsed = utils.parseKey(hostKey.public);
  if (parsed instanceof Error) throw parsed;
  const { fingerprint } = describeHostKey(parsed.getPublicSSH());
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as AddressInfo).port, fingerprint, offered, close: () => server.close() })));
}

const fields = (overrides: Record<string, string>) => ({ name: 'pg2', sshAddress: '127.0.0.1', sshPort: '22', sshUser: 'root', authMethod: 'password', password: '', pgPort: '5432', ...overrides });

let catcher: Awaited<ReturnType<typeof passwordCatcher>>;
let hostId = 0;
let originalPort = 0;

beforeAll(async () => {
  const prisma = await db();
  for (const user of Object.values(TEST_USERS)) await prisma.user.create({ data: { id: user.id, name: user.name, email: user.email, role: user.role } });
  catcher = await passwordCatcher();
  originalPort = await closedPort();
  session.user = TEST_USERS.admin;
  const created = await createHost(null, formData(fields({ sshPort: String(originalPort), password: 'root-password-of-pg2' })));
  if (!created.ok) throw new Error(created.message);
  hostId = created.data.id;
});

afterAll(() => catcher.close());

beforeEach(() => {
  session.user = TEST_USERS.operator;
});

describe('a stored SSH secret only ever goes to the endpoint it was entered for', () => {
  it('an operator moving a host to another endpoint without typing its secret again is refused, and the stored password never reaches what answers there', async () => {
    const before = await (await db()).host.findUniqueOrThrow({ where: { id: hostId }, select: { sshPort: true, sshSecret: true } });
    const moved = await updateHost(null, formData(fields({ id: String(hostId), sshPort: String(catcher.port) })));
    expect(moved).toEqual({ ok: false, message: 'Some fields need attention.', fieldErrors: { password: [expect.stringMatching(/^The address, port or SSH user of pg2 changed: enter its SSH secret again/)] } });
    expect(await (await db()).host.findUniqueOrThrow({ where: { id: hostId }, select: { sshPort: true, sshSecret: true } })).toEqual(before);
    const movedUser = await updateHost(null, formData(fields({ id: String(hostId), sshPort: String(originalPort), sshUser: 'postgres' })));
    expect(movedUser).toMatchObject({ ok: false, fieldErrors: { password: [expect.stringContaining('enter its SSH secret again')] } });

    await checkHost(null, formData({ id: String(hostId) }));
    const typedAgain = await updateHost(null, formData(fields({ id: String(hostId), sshPort: String(catcher.port), password: 'typed-for-this-endpoint' })));
    expect(typedAgain).toMatchObject({ ok: true });
    await acceptHostKey(null, formData({ id: String(hostId), fingerprint: catcher.fingerprint }));
    expect(catcher.offered.length).toBeGreaterThan(0);
    expect(catcher.offered).not.toContain('root-password-of-pg2');
    expect(new Set(catcher.offered)).toEqual(new Set(['typed-for-this-endpoint']));
  });

  it('a secret does not open once the row points elsewhere, even when the database itself is edited', async () => {
    const other = await createHost(null, formData(fields({ name: 'pg5', sshPort: String(originalPort), password: 'pg5-secret' })));
    if (!other.ok) throw new Error(other.message);
    expect((await loadHostTarget(other.data.id))?.target.auth).toEqual({ kind: 'password', password: 'pg5-secret' });
    await (await db()).host.update({ where: { id: other.data.id }, data: { sshAddress: '127.0.0.2' } });
    await expect(loadHostTarget(other.data.id)).rejects.toThrow(/could not be decrypted/);
  });

  it('accepting a key for a host that had one pinned before it was moved needs its name typed', async () => {
    const prisma = await db();
    await prisma.host.update({ where: { id: hostId }, data: { hostKeyFingerprint: null, hostKeyEverPinned: true } });
    expect(await acceptHostKey(null, formData({ id: String(hostId), fingerprint: catcher.fingerprint }))).toEqual({
      ok: false, message: 'Some fields need attention.', fieldErrors: { confirm: ['Type pg2 to accept a new host key: this host had another one pinned before it was moved'] },
    });
    expect((await prisma.host.findUniqueOrThrow({ where: { id: hostId }, select: { hostKeyFingerprint: true } })).hostKeyFingerprint).toBeNull();
  });

  it('secrets stored before the binding are bound once, at start-up, to the endpoint recorded then', async () => {
    const prisma = await db();
    const legacy = await prisma.host.create({ data: { name: 'pg6', sshAddress: '127.0.0.1', sshPort: originalPort, authMethod: 'password', sshSecret: await seal('host.sshSecret', 'from-before') }, select: { id: true } });
    await expect(loadHostTarget(legacy.id)).rejects.toThrow(/could not be decrypted/);
    expect(await bindLegacyHostSecrets()).toBeGreaterThanOrEqual(1);
    expect((await loadHostTarget(legacy.id))?.target.auth).toEqual({ kind: 'password', password: 'from-before' });
    await prisma.host.update({ where: { id: legacy.id }, data: { sshSecret: await seal('host.sshSecret', 'put-back-later') } });
    expect(await bindLegacyHostSecrets()).toBe(0);
    await expect(loadHostTarget(legacy.id)).rejects.toThrow(/could not be decrypted/);
  });
});
