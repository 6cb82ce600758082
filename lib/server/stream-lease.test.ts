import { AsyncLocalStorage } from 'node:async_hooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { formData } from '@/lib/testing/action-fixtures';
import { collectEventText } from '@/lib/testing/event-stream-text';
import { seedCluster } from '@/lib/testing/lag-seed';
import type { Role } from '@/lib/auth/roles';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'e'.repeat(64);

/** The session cookie of the request being served, as next/headers would give it. */
const request = new AsyncLocalStorage<{ cookie: string }>();
vi.mock('next/headers', async () => {
  const { cookies } = await import('@/lib/testing/next-request-mock');
  return { cookies, headers: async () => new Headers({ cookie: request.getStore()?.cookie ?? '' }) };
});
vi.mock('next/cache', () => import('@/lib/testing/next-request-mock'));
vi.mock('next/navigation', () => import('@/lib/testing/next-request-mock'));

const { db } = await import('@/lib/db/client');
const { auth } = await import('@/lib/auth/auth');
const { createUserWithPassword } = await import('@/lib/auth/users');
const { disableUser } = await import('@/lib/actions/disable-user');
const { claimStreamLease, MAX_STREAMS_PER_USER, STREAM_RECHECK_MS } = await import('./stream-lease');
const lagStream = await import('@/app/api/clusters/[id]/lag/stream/route');
const live = await import('@/app/api/clusters/[id]/live/route');

const PASSWORD = 'correct horse battery';

async function signedIn(email: string, role: Role): Promise<{ id: string; cookie: string }> {
  const id = await createUserWithPassword({ name: email, email, password: PASSWORD, role });
  return { id, cookie: await newSession(email) };
}

async function newSession(email: string): Promise<string> {
  const { headers } = await (await auth()).api.signInEmail({ body: { email, password: PASSWORD }, headers: new Headers(), returnHeaders: true });
  return (headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

let clusterId = 0;
const params = () => ({ params: Promise.resolve({ id: String(clusterId) }) });
type Route = typeof live;

/** Opens a stream of `route` as the browser holding `cookie` would; `close` is the browser going. */
async function open(route: Route, cookie: string) {
  const abort = new AbortController();
  const response = await request.run({ cookie }, () => route.GET(new Request(`http://t/x?since=${Date.now()}`, { headers: { cookie }, signal: abort.signal }), params()));
  const events = response.ok && response.body ? collectEventText(response.body) : null;
  return { response, events, close: () => abort.abort() };
}

beforeAll(async () => {
  ({ clusterId } = await seedCluster(await db(), 'leases', 1));
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
});

afterAll(() => {
  vi.useRealTimers();
});

describe('an open event stream re-checks its session', () => {
  it('ends, saying why, once the reader’s account is disabled', async () => {
    const boss = await signedIn('boss@example.com', 'admin');
    const dora = await signedIn('dora@example.com', 'viewer');
    const changes = await open(live, dora.cookie);
    const samples = await open(lagStream, dora.cookie);
    expect([changes.response.status, samples.response.status]).toEqual([200, 200]);

    expect(await request.run({ cookie: boss.cookie }, () => disableUser(null, formData({ userId: dora.id })))).toEqual({ ok: true, data: null });
    await vi.advanceTimersByTimeAsync(STREAM_RECHECK_MS);
    await Promise.all([changes.events?.done, samples.events?.done]);

    for (const stream of [changes, samples]) expect(stream.events?.text()).toMatch(/event: closed\ndata: \{"reason":"Your session has ended\. Sign in again\."\}\n\n$/);
    expect((await open(live, dora.cookie)).response.status).toBe(401);
  });

  it('keeps a session that still holds, without extending it', async () => {
    const vera = await signedIn('vera@example.com', 'viewer');
    const before = await (await db()).session.findFirstOrThrow({ where: { userId: vera.id }, select: { expiresAt: true } });
    await (await db()).session.updateMany({ where: { userId: vera.id }, data: { expiresAt: new Date(before.expiresAt.getTime() - 6 * 3600_000) } });
    const claim = claimStreamLease(new Headers({ cookie: vera.cookie }), { id: vera.id, email: 'vera@example.com', name: 'vera', role: 'viewer' }, 'read');
    if (!claim.ok) throw new Error('no slot');
    expect(await claim.lease.recheck()).toBeNull();
    expect(await (await db()).session.findFirstOrThrow({ where: { userId: vera.id }, select: { expiresAt: true } })).toEqual({ expiresAt: new Date(before.expiresAt.getTime() - 6 * 3600_000) });
    claim.lease.release();
  });
});

describe('streams per user', () => {
  it(`refuses the ${MAX_STREAMS_PER_USER + 1}th with 429, and takes one again once a stream ends or its browser goes`, async () => {
    const otto = await signedIn('otto@example.com', 'operator');
    const otherTab = await newSession('otto@example.com');
    const held = [await open(lagStream, otherTab)];
    for (let index = 1; index < MAX_STREAMS_PER_USER; index += 1) held.push(await open(index % 2 ? live : lagStream, otto.cookie));
    expect(held.map((stream) => stream.response.status)).toEqual(Array(MAX_STREAMS_PER_USER).fill(200));

    const refused = await open(live, otto.cookie);
    expect(refused.response.status).toBe(429);
    expect(await refused.response.json()).toEqual({
      error: `You have ${MAX_STREAMS_PER_USER} live views open in Tandem, the most one user may have at once: close other Tandem tabs or windows, then reload this page.`,
      open: MAX_STREAMS_PER_USER,
    });
    expect((await open(lagStream, (await signedIn('ursula@example.com', 'viewer')).cookie)).response.status).toBe(200);

    await (await auth()).api.signOut({ headers: new Headers({ cookie: otherTab }) });
    await vi.advanceTimersByTimeAsync(STREAM_RECHECK_MS);
    await held[0]?.events?.done;
    expect(held[0]?.events?.text()).toContain('event: closed');
    const next = await open(lagStream, otto.cookie);
    expect(next.response.status).toBe(200);
    expect((await open(live, otto.cookie)).response.status).toBe(429);

    held[1]?.close();
    await held[1]?.events?.done;
    expect((await open(live, otto.cookie)).response.status).toBe(200);
    expect((await open(live, otto.cookie)).response.status).toBe(429);
  });
});
