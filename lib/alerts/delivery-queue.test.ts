import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'b'.repeat(64);
process.env.TANDEM_URL = 'https://tandem.example.test';

const { db } = await import('@/lib/db/client');
const { insertWebhook, storeWebhookAllowEntries } = await import('@/lib/db/webhooks');
const { configureWebhookQueue, webhooksIdle } = await import('./delivery-queue');
const { notifyWebhooks, sendTestNotification } = await import('./notify-webhooks');

interface Receiver {
  url: string;
  bodies: unknown[];
  close: () => Promise<void>;
}

const servers: Server[] = [];

/** A webhook receiver on loopback; `answer` gets the request number (1-based) and replies. */
async function receiver(answer: (n: number, res: ServerResponse, req: IncomingMessage) => void): Promise<Receiver> {
  const bodies: unknown[] = [];
  const server = createServer((req, res) => {
    let data = '';
    req.on('data', (chunk: Buffer) => (data += chunk.toString()));
    req.on('end', () => {
      bodies.push(JSON.parse(data));
      answer(bodies.length, res, req);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/secret-token`, bodies, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const reply = (status: number) => (_n: number, res: ServerResponse) => res.writeHead(status).end('ok');

async function addWebhook(name: string, url: string, options: { format?: 'slack' | 'generic'; minSeverity?: 'warning' | 'critical' } = {}) {
  const prisma = await db();
  const id = await insertWebhook(prisma, { name, url, format: options.format ?? 'generic', minSeverity: options.minSeverity ?? 'warning' });
  return id;
}

async function deliveries(webhookId: number) {
  return (await db()).webhookDelivery.findMany({ where: { webhookId }, orderBy: { id: 'asc' }, select: { id: true, attempt: true, ok: true, httpStatus: true, error: true, event: true } });
}

async function disableAll() {
  await (await db()).webhook.updateMany({ data: { enabled: false } });
}

const opened = { event: 'alert.opened', severity: 'critical', cluster: { id: 7, name: 'main' }, summary: 'pg2 is stalled', openedAt: new Date('2026-11-22T08:00:00Z') } as const;

let oldHook = 0;

beforeAll(async () => {
  configureWebhookQueue({ timeoutMs: 1_000, retryDelaysMs: [20, 50, 100] });
  // The receivers listen on loopback, which webhooks reach only once an admin allows it.
  await storeWebhookAllowEntries(await db(), ['127.0.0.0/8']);
  const old = await addWebhook('old', 'http://127.0.0.1:9/never-called');
  await (await db()).webhook.update({ where: { id: old }, data: { enabled: false } });
  await (await db()).webhookDelivery.createMany({
    data: [
      { webhookId: old, event: 'alert.opened', attempt: 1, ok: true, httpStatus: 200, durationMs: 5, at: new Date(Date.now() - 31 * 24 * 3_600_000) },
      { webhookId: old, event: 'alert.resolved', attempt: 1, ok: true, httpStatus: 200, durationMs: 5, at: new Date(Date.now() - 29 * 24 * 3_600_000) },
    ],
  });
  oldHook = old;
}, 60_000);
beforeEach(() => webhooksIdle());
afterAll(async () => {
  await webhooksIdle();
  for (const server of servers) server.closeAllConnections();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('webhook delivery queue', { timeout: 30_000 }, () => {
  it('retries after 500s until the receiver accepts, logging every attempt (and keeps the log to 30 days)', async () => {
    await disableAll();
    const hook = await receiver((n, res) => res.writeHead(n < 3 ? 500 : 204).end());
    const id = await addWebhook('flaky', hook.url);
    notifyWebhooks(opened);
    await webhooksIdle();
    expect((await deliveries(id)).map(({ attempt, ok, httpStatus, error }) => ({ attempt, ok, httpStatus, error }))).toEqual([
      { attempt: 1, ok: false, httpStatus: 500, error: 'HTTP 500' },
      { attempt: 2, ok: false, httpStatus: 500, error: 'HTTP 500' },
      { attempt: 3, ok: true, httpStatus: 204, error: null },
    ]);
    expect((await deliveries(oldHook)).map((row) => row.event)).toEqual(['alert.resolved']);
    expect(hook.bodies[2]).toEqual({
      event: 'alert.opened',
      severity: 'critical',
      cluster: 'main',
      summary: 'pg2 is stalled',
      openedAt: '2026-11-22T08:00:00.000Z',
      resolvedAt: null,
      url: 'https://tandem.example.test/clusters/7',
    });
  });

  it('gives up after the last retry', async () => {
    await disableAll();
    const hook = await receiver(reply(503));
    const id = await addWebhook('down', hook.url);
    notifyWebhooks(opened);
    await webhooksIdle();
    expect((await deliveries(id)).map((row) => [row.attempt, row.ok])).toEqual([[1, false], [2, false], [3, false], [4, false]]);
  });

  it('waits for a slow receiver that answers within the timeout', async () => {
    await disableAll();
    const hook = await receiver((_n, res) => setTimeout(() => res.writeHead(200).end(), 300));
    const id = await addWebhook('slow', hook.url, { format: 'slack' });
    notifyWebhooks(opened);
    await webhooksIdle();
    expect((await deliveries(id)).map((row) => [row.attempt, row.ok])).toEqual([[1, true]]);
    expect(hook.bodies[0]).toMatchObject({ text: '🔴 CRITICAL · main: pg2 is stalled', blocks: expect.arrayContaining([expect.objectContaining({ type: 'section' })]) });
  });

  it('times out a hanging receiver without delaying another webhook', async () => {
    await disableAll();
    configureWebhookQueue({ retryDelaysMs: [] });
    const hanging = await receiver(() => undefined);
    const fast = await receiver(reply(200));
    const hangingId = await addWebhook('hanging', hanging.url);
    const fastId = await addWebhook('fast', fast.url);
    notifyWebhooks(opened);
    while ((await deliveries(fastId)).length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(hanging.bodies).toHaveLength(1);
    expect(await deliveries(hangingId)).toEqual([]);
    await webhooksIdle();
    expect((await deliveries(hangingId)).map((row) => [row.ok, row.error])).toEqual([[false, 'No answer within 1 s']]);
    expect((await deliveries(fastId)).map((row) => row.ok)).toEqual([true]);
    configureWebhookQueue({ retryDelaysMs: [20, 50, 100] });
  });

  it('filters alert events by minimum severity; operation events go to all', async () => {
    await disableAll();
    const all = await receiver(reply(200));
    const critical = await receiver(reply(200));
    await addWebhook('all', all.url);
    await addWebhook('critical-only', critical.url, { minSeverity: 'critical' });
    notifyWebhooks({ ...opened, severity: 'warning', summary: 'lag' });
    notifyWebhooks({ ...opened, event: 'alert.resolved', severity: 'warning', summary: 'lag', resolvedAt: new Date('2026-11-22T08:01:00Z') });
    notifyWebhooks({ event: 'promote.succeeded', severity: 'info', cluster: { id: 7, name: 'main' }, summary: 'pg2 promoted' });
    await webhooksIdle();
    // Attempts to one webhook run side by side, so they may arrive in any order.
    expect(all.bodies.map((body) => (body as { event: string }).event).sort()).toEqual(['alert.opened', 'alert.resolved', 'promote.succeeded']);
    expect(critical.bodies.map((body) => (body as { event: string }).event)).toEqual(['promote.succeeded']);
  });

  it('does not retry an alert.opened once its alert.resolved is queued, and logs it as superseded', async () => {
    await disableAll();
    configureWebhookQueue({ retryDelaysMs: [1_000] });
    const hook = await receiver((n, res) => res.writeHead(n === 1 ? 500 : 200).end());
    const id = await addWebhook('superseded', hook.url);
    const prisma = await db();
    const clusterId = (await prisma.cluster.create({ data: { name: 'superseded' }, select: { id: true } })).id;
    const alertEventId = (await prisma.alertEvent.create({ data: { clusterId, key: 'lag:pg2', metric: 'replay_lag_seconds', severity: 'critical', summary: 'pg2 is stalled' }, select: { id: true } })).id;
    notifyWebhooks({ ...opened, alertEventId });
    while ((await deliveries(id)).length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    notifyWebhooks({ ...opened, event: 'alert.resolved', resolvedAt: new Date('2026-11-22T08:01:00Z'), alertEventId });
    await webhooksIdle();
    expect(hook.bodies.map((body) => (body as { event: string }).event)).toEqual(['alert.opened', 'alert.resolved']);
    expect((await deliveries(id)).map(({ event, attempt, ok, error }) => ({ event, attempt, ok, error })).sort((a, b) => a.event.localeCompare(b.event) || a.attempt - b.attempt)).toEqual([
      { event: 'alert.opened', attempt: 0, ok: false, error: 'Superseded: the alert resolved before this was delivered' },
      { event: 'alert.opened', attempt: 1, ok: false, error: 'HTTP 500' },
      { event: 'alert.resolved', attempt: 1, ok: true, error: null },
    ]);
    configureWebhookQueue({ retryDelaysMs: [20, 50, 100] });
  });

  it('sends one test attempt to a chosen webhook, without retries', async () => {
    await disableAll();
    const hook = await receiver(reply(500));
    const id = await addWebhook('test-target', hook.url);
    const result = await sendTestNotification(id, 'admin@example.com');
    expect(result).toMatchObject({ ok: false, httpStatus: 500 });
    expect((await deliveries(id)).map((row) => [row.event, row.attempt])).toEqual([['webhook.test', 1]]);
    expect(await sendTestNotification(99_999, 'admin@example.com')).toBeNull();
  });

  it('does not retry a destination Tandem refuses: one attempt is logged, the receiver gets nothing', async () => {
    await disableAll();
    const hook = await receiver(reply(200));
    const id = await addWebhook('refused', hook.url.replace('127.0.0.1', 'localhost'));
    await storeWebhookAllowEntries(await db(), []);
    try {
      notifyWebhooks(opened);
      await webhooksIdle();
    } finally {
      await storeWebhookAllowEntries(await db(), ['127.0.0.0/8']);
    }
    expect((await deliveries(id)).map((row) => [row.attempt, row.ok, row.error?.startsWith('localhost resolves to')])).toEqual([[1, false, true]]);
    expect(hook.bodies).toEqual([]);
  });

  it('does not follow a redirect: the 3xx is the failed attempt, and its target gets nothing', async () => {
    await disableAll();
    const elsewhere = await receiver(reply(200));
    const redirecting = await receiver((_n, res) => res.writeHead(302, { location: elsewhere.url }).end());
    const id = await addWebhook('redirecting', redirecting.url);
    const result = await sendTestNotification(id, 'admin@example.com');
    expect(result).toMatchObject({ ok: false, httpStatus: 302, error: 'HTTP 302 (redirects are not followed)' });
    expect(redirecting.bodies).toHaveLength(1);
    expect(elsewhere.bodies).toEqual([]);
  });

  it('records a refused connection in plain words', async () => {
    await disableAll();
    const hook = await receiver(reply(200));
    await hook.close();
    const id = await addWebhook('closed', hook.url);
    const result = await sendTestNotification(id, 'admin@example.com');
    expect(result).toMatchObject({ ok: false, httpStatus: null, error: 'Could not connect (ECONNREFUSED)' });
  });
});
