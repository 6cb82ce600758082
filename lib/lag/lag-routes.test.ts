import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeTick } from '@/lib/alerts/tick-builders';
import type { CurrentUser } from '@/lib/auth/current-user';
import { seedCluster } from '@/lib/testing/lag-seed';
import type { LagPoint, LagSeries } from './types';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'a'.repeat(64);

const session: { user: CurrentUser | null } = { user: null };
vi.mock('@/lib/auth/current-user', () => ({ getCurrentUser: async () => session.user, requireUser: async () => session.user, sessionUser: async () => session.user }));

const { db } = await import('@/lib/db/client');
const { publishClusterTick } = await import('@/lib/monitor/tick-bus');
const range = await import('@/app/api/clusters/[id]/lag/route');
const stream = await import('@/app/api/clusters/[id]/lag/stream/route');
const live = await import('@/app/api/clusters/[id]/live/route');
const { publishAlertChange } = await import('@/lib/alerts/alert-bus');

const viewer: CurrentUser = { id: 'u-viewer', email: 'viewer@example.com', name: 'V', role: 'viewer' };
let clusterId = 0;
let replicaId = 0;
const params = (id: number | string) => ({ params: Promise.resolve({ id: String(id) }) });

beforeAll(async () => {
  const seeded = await seedCluster(await db(), 'routes', 1);
  clusterId = seeded.clusterId;
  replicaId = seeded.replicaIds[0]!;
});

beforeEach(() => {
  session.user = null;
});

describe('GET /api/clusters/[id]/lag', () => {
  it('refuses without a session', async () => {
    const response = await range.GET(new Request(`http://t/api/clusters/${clusterId}/lag?range=1h`), params(clusterId));
    expect(response.status).toBe(401);
  });

  it('gives a viewer the range, and refuses an unknown range or cluster', async () => {
    session.user = viewer;
    const ok = await range.GET(new Request(`http://t/api/clusters/${clusterId}/lag?range=24h`), params(clusterId));
    expect(ok.status).toBe(200);
    const series = (await ok.json()) as LagSeries;
    expect(series).toMatchObject({ clusterId, range: '24h', stepMs: 60_000, hosts: [{ hostId: replicaId, name: 'routes-pg2' }], points: [] });
    expect((await range.GET(new Request(`http://t/x?range=2y`), params(clusterId))).status).toBe(400);
    expect((await range.GET(new Request(`http://t/x?range=1h`), params(424242))).status).toBe(404);
    expect((await range.GET(new Request(`http://t/x?range=1h`), params('abc'))).status).toBe(404);
  });
});

describe('GET /api/clusters/[id]/lag/stream', () => {
  it('refuses without a session', async () => {
    expect((await stream.GET(new Request('http://t/x'), params(clusterId))).status).toBe(401);
  });

  it('streams the cluster’s published ticks as server-sent events and ends when the client goes', async () => {
    session.user = viewer;
    const abort = new AbortController();
    const response = await stream.GET(new Request(`http://t/x?after=${Date.now() - 1000}`, { signal: abort.signal }), params(clusterId));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    const at = new Date();
    const sample = { clusterId, hostId: replicaId, at, status: 'streaming', state: 'streaming', syncState: 'async', sentBytes: 0, writeBytes: 0, flushBytes: 0, replayBytes: 4096, writeLagMs: null, flushLagMs: null, replayLagMs: 12, replyAgeMs: 100, receiveLsn: null, replayLsn: null, replayPaused: false, lastReplayAt: null, receiverStatus: 'streaming', heartbeatLagMs: null } as const;
    const tick = { clusterId, clusterName: 'routes', at, recordedPrimaryHostId: null, writableHostIds: [], sourceHostId: null, primaryLsn: null, members: [], replicas: [sample], slots: [], durationMs: 5 };
    publishClusterTick({ ...tick, clusterId: clusterId + 1000 });
    publishClusterTick(tick);
    let text = '';
    while (!text.includes('event: samples')) text += decoder.decode((await reader.read()).value);
    const data = JSON.parse(text.split('data: ')[1]!.split('\n')[0]!) as LagPoint[];
    expect(data).toEqual([{ at: at.getTime(), hostId: replicaId, status: 'streaming', writeBytes: 0, flushBytes: 0, replayBytes: 4096, writeLagMs: null, flushLagMs: null, replayLagMs: 12, heartbeatLagMs: null }]);
    abort.abort();
    for (;;) if ((await reader.read()).done) break;
  });
});

describe('GET /api/clusters/[id]/live', () => {
  it('refuses without a session, and an unknown cluster', async () => {
    expect((await live.GET(new Request('http://t/x'), params(clusterId))).status).toBe(401);
    session.user = viewer;
    expect((await live.GET(new Request('http://t/x'), params(424242))).status).toBe(404);
    expect((await live.GET(new Request('http://t/x'), params('abc'))).status).toBe(404);
  });

  it('streams a change event for the cluster\'s alert and topology changes, not for other clusters', async () => {
    session.user = viewer;
    const abort = new AbortController();
    const response = await live.GET(new Request(`http://t/x?since=${Date.now()}`, { signal: abort.signal }), params(clusterId));
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes(': connected')) text += decoder.decode((await reader.read()).value);
    publishAlertChange(clusterId + 1000);
    publishAlertChange(clusterId);
    publishClusterTick({ ...makeTick(0), clusterId });
    publishClusterTick({ ...makeTick(1, { primaryReachable: false }), clusterId });
    while (!text.includes('"topology"')) text += decoder.decode((await reader.read()).value);
    expect(text.match(/event: change\ndata: .*/g)).toEqual(['event: change\ndata: {"what":"alerts"}', 'event: change\ndata: {"what":"topology"}']);
    abort.abort();
    for (;;) if ((await reader.read()).done) break;
  });
});
