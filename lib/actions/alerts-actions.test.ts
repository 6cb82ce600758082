import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { formData, TEST_USERS } from '@/lib/testing/action-fixtures';
import type { CurrentUser } from '@/lib/auth/current-user';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'e'.repeat(64);

const session: { user: CurrentUser | null } = { user: null };

vi.mock('@/lib/auth/current-user', () => ({ getCurrentUser: async () => session.user, requireUser: async () => session.user }));
vi.mock('next/headers', async () => {
  const { stampedHeaders } = await import('@/lib/testing/stamped-request');
  return {
    headers: async () => stampedHeaders('203.0.113.9'),
    cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => undefined, has: () => false, delete: () => undefined }),
  };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { db } = await import('@/lib/db/client');
const { insertWebhook, storeWebhookAllowEntries } = await import('@/lib/db/webhooks');
const { readMetricsTokenHash } = await import('@/lib/metrics/token-store');
const { hashMetricsToken } = await import('@/lib/metrics/token');
const { webhooksIdle } = await import('@/lib/alerts/delivery-queue');
const { updateAlertRule } = await import('./update-alert-rule');
const { acknowledgeAlert } = await import('./acknowledge-alert');
const { createWebhook } = await import('./create-webhook');
const { changeWebhook } = await import('./change-webhook');
const { updateWebhook } = await import('./update-webhook');
const { testWebhook } = await import('./test-webhook');
const { rotateMetricsToken } = await import('./rotate-metrics-token');

const received: { event: string; summary: string }[] = [];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString()));
  req.on('end', () => {
    received.push(JSON.parse(body) as { event: string; summary: string });
    res.writeHead(200).end();
  });
});
let clusterId = 0;
let webhookId = 0;
const eventIds: number[] = [];

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const prisma = await db();
  for (const user of Object.values(TEST_USERS)) await prisma.user.create({ data: { id: user.id, name: user.name, email: user.email, role: user.role } });
  clusterId = (await prisma.cluster.create({ data: { name: 'main' }, select: { id: true } })).id;
  // The receiver listens on loopback, which webhooks reach only once an admin allows it (webhook-destinations.test.ts covers the refusals).
  await storeWebhookAllowEntries(prisma, ['127.0.0.0/8']);
  webhookId = await insertWebhook(prisma, { name: 'seed', url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/x`, format: 'generic', minSeverity: 'warning' });
  for (const key of ['a', 'b']) {
    eventIds.push((await prisma.alertEvent.create({ data: { clusterId, key, metric: 'replica_down', severity: 'critical', summary: `event ${key}` }, select: { id: true } })).id);
  }
}, 60_000);
afterAll(async () => {
  await webhooksIdle();
  await new Promise((resolve) => receiver.close(resolve));
});
beforeEach(() => {
  session.user = null;
});

const actions = [
  { name: 'updateAlertRule', run: () => updateAlertRule(null, formData({ clusterId: String(clusterId), metric: 'replay_lag_bytes', severity: 'warning', threshold: '64', forSeconds: '45', enabled: 'on' })) },
  { name: 'acknowledgeAlert', run: () => acknowledgeAlert(null, formData({ eventId: String(eventIds[0] ?? 0), comment: 'Looking at pg2' })) },
  { name: 'createWebhook', run: () => createWebhook(null, formData({ hookName: `hook-${Math.random()}`, url: 'https://hooks.example.com/services/T/B/secret', format: 'slack', minSeverity: 'critical' })) },
  { name: 'updateWebhook', run: () => updateWebhook(null, formData({ id: String(webhookId), hookName: 'seed', url: '', format: 'slack', minSeverity: 'critical' })) },
  { name: 'changeWebhook', run: () => changeWebhook(null, formData({ id: String(webhookId), change: 'disable' })) },
  { name: 'testWebhook', run: () => testWebhook(null, formData({ id: String(webhookId) })) },
  { name: 'rotateMetricsToken', run: () => rotateMetricsToken(null, formData({ change: 'rotate' })) },
] as const;

// Who may call them, and the audited refusals, are checked for every action in authorization.test.ts.
describe('alert, webhook and metrics actions', { timeout: 30_000 }, () => {
  it('lets an operator acknowledge an alert, keeping who and why, audited', async () => {
    session.user = TEST_USERS.operator;
    const id = eventIds[0];
    expect(await actions[1].run()).toEqual({ ok: true, data: null });
    const event = await (await db()).alertEvent.findUnique({ where: { id }, select: { acknowledgedBy: true, ackComment: true, acknowledgedAt: true } });
    expect(event).toMatchObject({ acknowledgedBy: 'operator@example.com', ackComment: 'Looking at pg2', acknowledgedAt: expect.any(Date) });
    const audit = await (await db()).auditEvent.findFirst({ orderBy: { id: 'desc' }, select: { action: true, summary: true } });
    expect(audit).toEqual({ action: 'alert.acknowledge', summary: 'Acknowledged "event a" on main: Looking at pg2' });
    expect(await acknowledgeAlert(null, formData({ eventId: String(id), comment: 'again' }))).toMatchObject({ ok: false, message: 'This alert was already acknowledged by operator@example.com.' });
    await webhooksIdle();
    expect(received.map((body) => [body.event, body.summary])).toEqual([['alert.acknowledged', 'operator@example.com acknowledged "event a": Looking at pg2']]);
  });

  it.each(actions.filter((action) => action.name !== 'acknowledgeAlert'))('$name succeeds for an admin', async (action) => {
    session.user = TEST_USERS.admin;
    expect(await action.run()).toMatchObject({ ok: true });
  });

  it('stores only the hash of a new metrics token, and never audits the token', async () => {
    session.user = TEST_USERS.admin;
    const result = await rotateMetricsToken(null, formData({ change: 'rotate' }));
    if (!result.ok || !result.data.token) throw new Error('no token');
    expect(await readMetricsTokenHash()).toBe(hashMetricsToken(result.data.token));
    const audits = await (await db()).auditEvent.findMany({ select: { summary: true, details: true } });
    expect(JSON.stringify(audits)).not.toContain(result.data.token);
    expect(await rotateMetricsToken(null, formData({ change: 'revoke' }))).toEqual({ ok: true, data: { token: null } });
    expect(await readMetricsTokenHash()).toBeNull();
  });

  it('seals the webhook URL and audits only its host', async () => {
    session.user = TEST_USERS.admin;
    await createWebhook(null, formData({ hookName: 'sealed', url: 'https://hooks.example.com/services/T/B/very-secret', format: 'slack', minSeverity: 'warning' }));
    const stored = await (await db()).webhook.findUnique({ where: { name: 'sealed' }, select: { urlSecret: true } });
    expect(stored?.urlSecret).not.toContain('very-secret');
    const audits = await (await db()).auditEvent.findMany({ where: { action: 'webhook.create' }, select: { summary: true } });
    expect(audits.at(-1)?.summary).toBe('Added webhook sealed (slack, warning and above) to hooks.example.com');
    expect(JSON.stringify(audits)).not.toContain('very-secret');
  });

  it('replaces a webhook URL only when a new one is given', async () => {
    session.user = TEST_USERS.admin;
    const prisma = await db();
    const before = await prisma.webhook.findUnique({ where: { id: webhookId }, select: { urlSecret: true } });
    expect(await updateWebhook(null, formData({ id: String(webhookId), hookName: 'seed', url: '', format: 'generic', minSeverity: 'warning' }))).toEqual({ ok: true, data: null });
    expect((await prisma.webhook.findUnique({ where: { id: webhookId }, select: { urlSecret: true } }))?.urlSecret).toBe(before?.urlSecret);
    expect(await updateWebhook(null, formData({ id: String(webhookId), hookName: 'seed', url: 'https://new.example.com/hook/tok', format: 'generic', minSeverity: 'warning' }))).toEqual({ ok: true, data: null });
    const { listWebhooks } = await import('@/lib/db/webhooks');
    expect((await listWebhooks()).find((hook) => hook.id === webhookId)?.host).toBe('new.example.com');
    const audit = await prisma.auditEvent.findFirst({ orderBy: { id: 'desc' }, select: { summary: true } });
    expect(audit?.summary).toBe('Changed webhook seed: generic, warning and above, new URL on new.example.com');
  });

  it('explains a bad rule edit field by field', async () => {
    session.user = TEST_USERS.admin;
    const result = await updateAlertRule(null, formData({ clusterId: String(clusterId), metric: 'replay_lag_seconds', severity: 'warning', threshold: '0', forSeconds: '-1' }));
    expect(result).toMatchObject({ ok: false, fieldErrors: { forSeconds: ['Hold time must be whole seconds, 0 or more'] } });
  });
});
