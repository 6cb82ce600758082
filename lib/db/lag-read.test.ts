import { beforeAll, describe, expect, it } from 'vitest';
import { idleKey, seriesKey, shapeRows } from '@/lib/lag/shape';
import { RANGE_SPECS, type LagPoint, type LagRange } from '@/lib/lag/types';
import { seedCluster, seedRawSamples } from '@/lib/testing/lag-seed';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'a'.repeat(64);

const { db } = await import('./client');
const { readLagPointsAfter, readLagSeries } = await import('./lag-read');
const { rollupMinutes } = await import('./monitor-maintenance');

const now = new Date('2026-11-21T12:00:00.000Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
let clusterId = 0;
let replicas: number[] = [];

beforeAll(async () => {
  const prisma = await db();
  const seeded = await seedCluster(prisma, 'day', 3, 5000);
  clusterId = seeded.clusterId;
  replicas = seeded.replicaIds;
  const [h1, h2, h3] = replicas as [number, number, number];
  await seedRawSamples(prisma, { clusterId, hostIds: [h1, h2], from: minutesAgo(24 * 60), to: now, intervalSeconds: 5 });
  await seedRawSamples(prisma, { clusterId, hostIds: [h3], from: minutesAgo(24 * 60), to: minutesAgo(30), intervalSeconds: 5 });
  await seedRawSamples(prisma, { clusterId, hostIds: [h3], from: minutesAgo(20), to: now, intervalSeconds: 5 });
  await rollupMinutes(minutesAgo(24 * 60), minutesAgo(3), prisma);
  await prisma.operation.create({ data: { clusterId, kind: 'add_replica', status: 'succeeded', requestedBy: 'a@example.com', createdAt: minutesAgo(50), startedAt: minutesAgo(50), finishedAt: minutesAgo(45) } });
  await prisma.operation.create({ data: { clusterId, kind: 'setup', status: 'succeeded', requestedBy: 'a@example.com', createdAt: minutesAgo(3000), finishedAt: minutesAgo(2990) } });
}, 60_000);

const byHost = (points: readonly LagPoint[], hostId: number) => points.filter((point) => point.hostId === hostId);

async function shaped(range: LagRange) {
  const series = await readLagSeries(clusterId, range, now);
  if (!series) throw new Error('no series');
  const rows = shapeRows(series.points, { hostIds: replicas, view: 'time', metrics: ['replay'], stepMs: series.stepMs, from: series.from, to: series.to });
  return { series, rows };
}

describe('readLagSeries', () => {
  it('returns null for an unknown cluster', async () => {
    expect(await readLagSeries(9999, '1h', now)).toBeNull();
  });

  it('5 min: raw samples of each replica, named by host, with numbers not BigInts', async () => {
    const { series } = await shaped('5m');
    expect(series.hosts.map((host) => host.name)).toEqual(['day-pg2', 'day-pg3', 'day-pg4']);
    expect(series.stepMs).toBe(5000);
    expect(byHost(series.points, replicas[0]!)).toHaveLength(60);
    const point = series.points.find((p) => p.replayBytes !== 0)!;
    expect(typeof point.replayBytes).toBe('number');
    expect(point.heartbeatLagMs).toBe(40 * point.hostId + 5);
  });

  it('1 h: raw samples bucketed to 5 s in SQL (720 per replica) with the operation marker', async () => {
    const { series } = await shaped('1h');
    expect(byHost(series.points, replicas[0]!)).toHaveLength(720);
    expect(series.markers.map((marker) => marker.kind)).toEqual(['add_replica']);
  });

  it('24 h: minute rollups plus the raw tail after the last rollup, one point per minute', async () => {
    const { series, rows } = await shaped('24h');
    const points = byHost(series.points, replicas[0]!);
    const rollupPoints = points.filter((point) => point.at < minutesAgo(3).getTime());
    expect(rollupPoints).toHaveLength(24 * 60 - 3);
    expect(points.filter((point) => point.at >= minutesAgo(3).getTime())).toHaveLength(3);
    expect(rows.length).toBeGreaterThanOrEqual(24 * 60);
    expect(rows.length).toBeLessThanOrEqual(24 * 60 + 2);
  });

  it('24 h: the replica without samples for ten minutes is a gap, an idle replica is idle, a measured one has its lag', async () => {
    const { rows } = await shaped('24h');
    const [h1, , h3] = replicas as [number, number, number];
    const inHole = rows.filter((row) => row.at >= minutesAgo(29).getTime() && row.at < minutesAgo(21).getTime());
    expect(inHole.length).toBeGreaterThan(0);
    expect(inHole.every((row) => row[seriesKey('replay', h3)] === null && row[idleKey('replay', h3)] === null)).toBe(true);
    const idleMinute = rows.find((row) => row.at === Date.parse('2026-11-21T11:41:00.000Z'))!;
    expect(idleMinute[seriesKey('replay', h1)]).toBeNull();
    expect(idleMinute[idleKey('replay', h1)]).toBe(0);
    const busyMinute = rows.find((row) => row.at === Date.parse('2026-11-21T11:50:00.000Z'))!;
    expect(busyMinute[seriesKey('replay', h1)]).toBe(40 * h1);
  });

  it('7 d: rollups bucketed to 10 minutes in SQL', async () => {
    const { series } = await shaped('7d');
    const buckets = byHost(series.points, replicas[0]!).filter((point) => point.at < minutesAgo(10).getTime());
    expect(buckets).toHaveLength(24 * 6 - 1);
    expect(new Set(buckets.map((point) => point.at % RANGE_SPECS['7d'].stepMs))).toEqual(new Set([0]));
    expect(series.markers.map((marker) => marker.kind)).toEqual(['setup', 'add_replica']);
  });
});

describe('readLagPointsAfter', () => {
  it('returns only samples newer than the given time, oldest first', async () => {
    const points = await readLagPointsAfter(clusterId, new Date(now.getTime() - 10_001));
    expect(points).toHaveLength(3 * 2);
    expect(points[0]!.at).toBeLessThanOrEqual(points[5]!.at);
  });
});
