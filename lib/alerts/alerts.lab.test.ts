import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgStart, pgStop } from '@/lab/client';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'e'.repeat(64);

const { db } = await import('@/lib/db/client');
const { insertWebhook, storeWebhookAllowEntries } = await import('@/lib/db/webhooks');
const runner = await import('@/lib/operations/runner');
const { labSetupForm, registerLabHosts, startLabSetup } = await import('@/lib/setup/testing/lab-fixture');
const { getSshPool } = await import('@/lib/ssh/pool');
const { pollErrorCounts, refreshPoller, startPoller, stopPoller } = await import('@/lib/monitor/poller');
const { registerPollErrorSource } = await import('@/lib/metrics/poll-errors');
const { generateMetricsToken, hashMetricsToken } = await import('@/lib/metrics/token');
const { storeMetricsTokenHash } = await import('@/lib/metrics/token-store');
const { GET: scrapeRoute } = await import('@/app/api/metrics/route');
const { startAlerting, stopAlerting } = await import('./alerting');
const { webhooksIdle } = await import('./delivery-queue');

interface Delivered {
  readonly event: string;
  readonly severity?: string;
  readonly summary: string;
}

const received: Delivered[] = [];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString()));
  req.on('end', () => {
    received.push(JSON.parse(body) as Delivered);
    res.writeHead(204).end();
  });
});
let clusterId = 0;

/** Asks `probe` every 500 ms until it returns a value, or fails naming `what`. */
async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${what} within ${timeoutMs} ms`);
}

const primaryEvent = async () => (await db()).alertEvent.findFirst({
  where: { clusterId, metric: 'primary_unreachable' }, orderBy: { id: 'desc' },
  select: { severity: true, summary: true, openedAt: true, resolvedAt: true },
});
const scrape = (authorization?: string) => scrapeRoute(new Request('http://localhost/api/metrics', { headers: authorization ? { authorization } : {} }));

describe('alerts, webhooks and the metrics export on a cluster in the lab', () => {
  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const ids = await registerLabHosts(['pg1', 'pg2']);
    const started = await startLabSetup(labSetupForm(ids.pg1 ?? 0, [ids.pg2 ?? 0]));
    clusterId = started.clusterId;
    const result = await runner.waitForOperation(started.operationId);
    expect(result?.status, result?.outcome).toBe('succeeded');
    const prisma = await db();
    // The receiver listens on loopback, which webhooks reach only once an admin allows it.
    await storeWebhookAllowEntries(prisma, ['127.0.0.0/8']);
    await insertWebhook(prisma, { name: 'on-call', url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, format: 'generic', minSeverity: 'critical' });
    registerPollErrorSource(pollErrorCounts);
    startAlerting();
    await startPoller({ refreshMs: 1_000, leaderRetryMs: 1_000 });
    await refreshPoller();
  }, 300_000);

  afterAll(async () => {
    await stopPoller();
    await stopAlerting();
    await webhooksIdle();
    getSshPool().closeAll();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('a stopped primary opens a critical alert after its hold time, the webhook gets it, and both resolve after the restart', async () => {
    await waitFor(async () => ((await (await db()).lagSample.count({ where: { clusterId, status: 'streaming' } })) > 0 ? true : undefined), 30_000, 'no streaming sample');
    const stoppedAt = Date.now();
    await pgStop('pg1');
    let opened;
    try {
      opened = await waitFor(async () => (await primaryEvent()) ?? undefined, 40_000, 'no primary_unreachable event');
      expect(opened).toMatchObject({ severity: 'critical', resolvedAt: null });
      expect(opened.summary).toContain('pg1');
      expect(opened.openedAt.getTime() - stoppedAt).toBeGreaterThanOrEqual(9_000);
      await webhooksIdle();
      await waitFor(async () => (received.some((body) => body.event === 'alert.opened') ? true : undefined), 10_000, 'the webhook did not get alert.opened');
    } finally {
      await pgStart('pg1');
    }
    const resolved = await waitFor(async () => (await primaryEvent())?.resolvedAt ?? undefined, 40_000, 'the alert did not resolve');
    expect(resolved.getTime()).toBeGreaterThan(opened.openedAt.getTime());
    await waitFor(async () => (received.some((body) => body.event === 'alert.resolved') ? true : undefined), 15_000, 'the webhook did not get alert.resolved');
    const opening = received.find((body) => body.event === 'alert.opened');
    expect(opening).toMatchObject({ severity: 'critical' });
    expect(opening?.summary).toContain('pg1');
  }, 120_000);

  it('/api/metrics refuses a scrape without the token and exports real samples that promtool accepts', async () => {
    const token = generateMetricsToken();
    await storeMetricsTokenHash(await db(), hashMetricsToken(token), new Date());
    const refused = await scrape();
    expect(refused.status).toBe(401);
    expect(await refused.text()).not.toContain('tandem_');

    const text = await waitFor(async () => {
      const body = await (await scrape(`Bearer ${token}`)).text();
      return /tandem_replica_status\{[^}]*replica="pg2"[^}]*status="streaming"[^}]*\} 1/.test(body) ? body : undefined;
    }, 30_000, 'no streaming pg2 in the export');
    const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(`${check.stdout}${check.stderr}`).toBe('');
    expect(check.status).toBe(0);
    expect(text).toMatch(/tandem_replica_lag_bytes\{[^}]*replica="pg2",position="replay"\} \d+/);
    expect(text).toMatch(/tandem_slot_retained_bytes\{[^}]*slot="tandem_pg2"\} \d+/);
    expect(text).toMatch(/tandem_poll_errors_total\{[^}]*cluster="orders"[^}]*\} [1-9]\d*/);
  }, 60_000);
});
