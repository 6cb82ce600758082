import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { formData, TEST_USERS } from '@/lib/testing/action-fixtures';
import type { CurrentUser } from '@/lib/auth/current-user';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'f'.repeat(64);

const session: { user: CurrentUser | null } = { user: null };

vi.mock('@/lib/auth/current-user', () => ({ getCurrentUser: async () => session.user, requireUser: async () => session.user }));
vi.mock('next/headers', () => import('@/lib/testing/next-request-mock'));
vi.mock('next/cache', () => import('@/lib/testing/next-request-mock'));

const { db } = await import('@/lib/db/client');
const { readWebhookAllowEntries } = await import('@/lib/db/webhooks');
const { webhooksIdle } = await import('@/lib/alerts/delivery-queue');
const { createWebhook } = await import('./create-webhook');
const { updateWebhook } = await import('./update-webhook');
const { testWebhook } = await import('./test-webhook');
const { updateWebhookAllowList } = await import('./update-webhook-allow-list');

/** What a webhook URL carries after its host: the token a refusal must never repeat. */
const SECRET = '/hooks/T0/secret-path?token=sekrit';
const leaksSecret = /secret-path|sekrit/;

const received: string[] = [];
const receiver = createServer((req, res) => {
  received.push(req.url ?? '');
  req.resume();
  res.writeHead(200).end();
});
let port = 0;

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  port = (receiver.address() as AddressInfo).port;
  const prisma = await db();
  for (const user of Object.values(TEST_USERS)) await prisma.user.create({ data: { id: user.id, name: user.name, email: user.email, role: user.role } });
}, 60_000);
afterAll(async () => {
  await webhooksIdle();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});
beforeEach(() => {
  session.user = TEST_USERS.admin;
});

const add = (hookName: string, url: string) => createWebhook(null, formData({ hookName, url, format: 'generic', minSeverity: 'warning' }));
const idOf = async (name: string) => (await (await db()).webhook.findUniqueOrThrow({ where: { name }, select: { id: true } })).id;
const sendTest = async (name: string) => testWebhook(null, formData({ id: String(await idOf(name)) }));
const allow = (entries: string) => updateWebhookAllowList(null, formData({ entries }));

/** The messages of a refused form, or a note that it was not refused. */
const fieldErrors = (result: { ok: boolean; fieldErrors?: Record<string, string[] | undefined> }) => (result.ok ? 'accepted' : result.fieldErrors);

describe('webhook destinations', { timeout: 30_000 }, () => {
  it('refuses a webhook to a loopback address at create and at update, naming the host only; the receiver gets nothing', async () => {
    const created = await add('loopback', `http://127.0.0.1:${port}${SECRET}`);
    expect(fieldErrors(created)).toEqual({ url: ['127.0.0.1 is a loopback address (127.0.0.0/8); add it to the webhook allow-list in Settings to send webhooks there'] });
    expect(JSON.stringify(created)).not.toMatch(leaksSecret);
    expect(await (await db()).webhook.count({ where: { name: 'loopback' } })).toBe(0);

    expect(await add('public', 'https://hooks.example.com/services/T/B/x')).toMatchObject({ ok: true });
    const updated = await updateWebhook(null, formData({ id: String(await idOf('public')), hookName: 'public', url: `http://[::ffff:127.0.0.1]:${port}${SECRET}`, format: 'generic', minSeverity: 'warning' }));
    expect(fieldErrors(updated)).toEqual({ url: ['[::ffff:7f00:1] is a loopback address (127.0.0.0/8); add it to the webhook allow-list in Settings to send webhooks there'] });
    await webhooksIdle();
    expect(received).toEqual([]);
  });

  it('refuses a URL with a user name and password', async () => {
    const result = await add('with-user', `http://admin:hunter2@hooks.example.com${SECRET}`);
    expect(fieldErrors(result)).toEqual({ url: ['Take the user name and password out of the URL for hooks.example.com: Tandem does not send credentials in a webhook URL (put a token in its path or query instead)'] });
    expect(JSON.stringify(result)).not.toMatch(/hunter2|secret-path|sekrit/);
  });

  it('refuses to deliver to a host name that resolves to loopback; the receiver gets nothing and the log names the host only', async () => {
    expect(await add('by-name', `http://localhost:${port}${SECRET}`)).toMatchObject({ ok: true });
    const result = await sendTest('by-name');
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/^Not delivered: localhost resolves to (127\.0\.0\.1|::1), a loopback address/) });
    await webhooksIdle();
    expect(received).toEqual([]);
    const prisma = await db();
    const logged = await prisma.webhookDelivery.findMany({ where: { webhookId: await idOf('by-name') }, select: { ok: true, error: true } });
    expect(logged).toEqual([{ ok: false, error: expect.stringContaining('localhost resolves to') }]);
    const audits = await prisma.auditEvent.findMany({ select: { summary: true } });
    expect(JSON.stringify([result, logged, audits])).not.toMatch(leaksSecret);
  });

  it('delivers to loopback once an admin allow-lists it, audited with before and after', async () => {
    expect(await allow('127.0.0.0/8')).toEqual({ ok: true, data: null });
    expect(await (await db()).auditEvent.findFirst({ where: { action: 'webhook.allow_list' }, orderBy: { id: 'desc' }, select: { actorEmail: true, summary: true, details: true } })).toEqual({
      actorEmail: 'admin@example.com',
      summary: 'Set the webhook allow-list to 127.0.0.0/8 (was none)',
      details: { before: [], after: ['127.0.0.0/8'] },
    });
    expect(await add('loopback', `http://127.0.0.1:${port}${SECRET}`)).toMatchObject({ ok: true });
    expect(await sendTest('loopback')).toMatchObject({ ok: true, data: expect.stringMatching(/^Delivered: HTTP 200/) });

    // localhost may resolve to ::1 as well as 127.0.0.1, and every address it resolves to must be allowed.
    expect(await allow('127.0.0.0/8\n::1')).toEqual({ ok: true, data: null });
    expect(await sendTest('by-name')).toMatchObject({ ok: true, data: expect.stringMatching(/^Delivered: HTTP 200/) });
    expect(received).toEqual([SECRET, SECRET]);
  });

  it('refuses a bad allow-list entry and keeps the list as it was', async () => {
    const result = await allow('10.0.0.0/8\n10.1.2.3/8');
    expect(fieldErrors(result)).toEqual({ entries: ['"10.1.2.3/8": the address has bits set beyond the /8; write the network\'s first address'] });
    expect(await readWebhookAllowEntries()).toEqual(['127.0.0.0/8', '::1']);
  });
});
