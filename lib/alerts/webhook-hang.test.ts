import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'c'.repeat(64);
process.env.TANDEM_URL = 'https://tandem.example.test';

const { db } = await import('@/lib/db/client');
const { insertWebhook, storeWebhookAllowEntries } = await import('@/lib/db/webhooks');
const { configureWebhookQueue, webhooksIdle } = await import('./delivery-queue');
const { notifyWebhooks } = await import('./notify-webhooks');

/** Requests the receiver never answers: the first ones, as a receiver stuck behind a dead backend. */
const HANGING_REQUESTS = 3;
const BURST = 6;

interface Arrival {
  readonly summary: string;
  readonly at: number;
}

const arrivals: Arrival[] = [];
let server: Server;
let url = '';

beforeAll(async () => {
  // The real 5 s attempt timeout; short retry waits only so the test ends sooner.
  configureWebhookQueue({ timeoutMs: 5_000, retryDelaysMs: [100, 200, 300] });
  server = createServer((req, res) => {
    let data = '';
    req.on('data', (chunk: Buffer) => (data += chunk.toString()));
    req.on('end', () => {
      arrivals.push({ summary: (JSON.parse(data) as { summary: string }).summary, at: performance.now() });
      if (arrivals.length > HANGING_REQUESTS) res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  // The receiver listens on loopback, which webhooks reach only once an admin allows it.
  await storeWebhookAllowEntries(await db(), ['127.0.0.0/8']);
});

afterAll(async () => {
  await webhooksIdle();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const cluster = { id: 1, name: 'main' };

async function waitForArrival(summary: string, withinMs: number): Promise<Arrival | undefined> {
  const deadline = performance.now() + withinMs;
  while (performance.now() < deadline) {
    const found = arrivals.find((arrival) => arrival.summary === summary);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return undefined;
}

describe('a hanging webhook receiver', { timeout: 60_000 }, () => {
  it('does not delay a later critical event: its first attempt arrives within 5 s, and every attempt is logged', async () => {
    const id = await insertWebhook(await db(), { name: 'hanging', url, format: 'generic', minSeverity: 'warning' });
    for (let n = 1; n <= BURST; n += 1) notifyWebhooks({ event: 'alert.opened', severity: 'warning', cluster, summary: `lag ${n}` });
    await waitForArrival('lag 1', 5_000);
    await new Promise((resolve) => setTimeout(resolve, 200));

    const sentAt = performance.now();
    notifyWebhooks({ event: 'alert.opened', severity: 'critical', cluster, summary: '2 members accept writes' });
    const critical = await waitForArrival('2 members accept writes', 10_000);
    expect(critical ? critical.at - sentAt : Number.POSITIVE_INFINITY).toBeLessThan(5_000);

    await webhooksIdle();
    const log = await (await db()).webhookDelivery.findMany({ where: { webhookId: id }, select: { event: true, attempt: true, ok: true, error: true } });
    expect(log.filter((row) => row.attempt > 0)).toHaveLength(arrivals.length);
    expect(log.filter((row) => row.error === 'No answer within 5 s')).toHaveLength(HANGING_REQUESTS);
    expect(new Set(arrivals.map((arrival) => arrival.summary))).toEqual(new Set([...Array.from({ length: BURST }, (_, i) => `lag ${i + 1}`), '2 members accept writes']));
    expect(log.filter((row) => row.ok)).toHaveLength(BURST + 1);
  });
});
