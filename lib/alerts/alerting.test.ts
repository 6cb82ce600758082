import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTick, type TickOptions } from './tick-builders';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'c'.repeat(64);

const { db } = await import('@/lib/db/client');
const { insertWebhook, storeWebhookAllowEntries } = await import('@/lib/db/webhooks');
const { saveAlertRule } = await import('@/lib/db/alerts');
const { publishClusterTick } = await import('@/lib/monitor/tick-bus');
const { alertingIdle, invalidateAlertRules, startAlerting, stopAlerting } = await import('./alerting');
const { webhooksIdle } = await import('./delivery-queue');

const received: { event: string; summary: string }[] = [];
const server = createServer((req, res) => {
  let data = '';
  req.on('data', (chunk: Buffer) => (data += chunk.toString()));
  req.on('end', () => {
    received.push(JSON.parse(data) as { event: string; summary: string });
    res.writeHead(200).end();
  });
});
let clusterId = 0;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const prisma = await db();
  clusterId = (await prisma.cluster.create({ data: { name: 'main' }, select: { id: true } })).id;
  // The receiver listens on loopback, which webhooks reach only once an admin allows it.
  await storeWebhookAllowEntries(prisma, ['127.0.0.0/8']);
  await insertWebhook(prisma, { name: 'receiver', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, format: 'generic', minSeverity: 'warning' });
}, 60_000);
afterAll(async () => {
  await stopAlerting();
  await webhooksIdle();
  await new Promise((resolve) => server.close(resolve));
});

async function publish(steps: [number, TickOptions][]) {
  for (const [t, options] of steps) {
    publishClusterTick({ ...makeTick(t, options), clusterId });
    await alertingIdle();
  }
  await webhooksIdle();
}

const events = async () =>
  (await db()).alertEvent.findMany({ where: { clusterId }, orderBy: { id: 'asc' }, select: { key: true, severity: true, summary: true, openedAt: true, resolvedAt: true } });

describe('alerting runtime', { timeout: 30_000 }, () => {
  it('opens one event per condition, resolves it, and notifies the webhook of both', async () => {
    startAlerting();
    startAlerting();
    await publish([[0, { writableHostIds: [1, 2] }], [1, { writableHostIds: [1, 2] }], [2, {}]]);
    const rows = await events();
    expect(rows).toEqual([
      { key: 'two_primaries:critical', severity: 'critical', summary: '2 members accept writes: pg1, pg2', openedAt: makeTick(0).at, resolvedAt: makeTick(2).at },
    ]);
    expect(received.map((body) => body.event)).toEqual(['alert.opened', 'alert.resolved']);
  });

  it('restores open events after a restart without opening them twice', async () => {
    await publish([[10, { replicas: [{ status: 'disconnected' }] }], [40, { replicas: [{ status: 'disconnected' }] }]]);
    await stopAlerting();
    startAlerting();
    await publish([[50, { replicas: [{ status: 'disconnected' }] }], [100, { replicas: [{ status: 'disconnected' }] }]]);
    let open = (await events()).filter((row) => row.resolvedAt === null);
    expect(open.map((row) => [row.key, row.openedAt])).toEqual([['replica_down:critical:host:2', makeTick(40).at]]);
    await publish([[110, {}]]);
    open = (await events()).filter((row) => row.resolvedAt === null);
    expect(open).toEqual([]);
    expect(received.map((body) => body.event)).toEqual(['alert.opened', 'alert.resolved', 'alert.opened', 'alert.resolved']);
  });

  it('after a minute without ticks (another instance polled meanwhile) re-reads open events, and resolves one it did not open', async () => {
    await publish([[120, {}]]);
    await (await db()).alertEvent.create({
      data: { clusterId, key: 'primary_unreachable:critical', metric: 'primary_unreachable', severity: 'critical', summary: 'Primary pg1 does not answer', openedAt: makeTick(150).at },
    });
    await publish([[190, {}]]);
    expect((await events()).filter((row) => row.resolvedAt === null)).toEqual([]);
    expect(received.at(-1)).toMatchObject({ event: 'alert.resolved', summary: 'Primary pg1 does not answer' });
  });

  it('applies an edited rule on the next tick', async () => {
    await saveAlertRule(clusterId, { metric: 'two_primaries', severity: 'critical', threshold: null, forSeconds: 0, enabled: false });
    invalidateAlertRules(clusterId);
    const before = (await events()).length;
    await publish([[200, { writableHostIds: [1, 2] }]]);
    expect(await events()).toHaveLength(before);
  });

  it('returns from the tick listener before any database or webhook work', () => {
    const started = received.length;
    publishClusterTick({ ...makeTick(300, { slots: [{ walStatus: "lost" }] }), clusterId });
    expect(received.length).toBe(started);
  });
});
