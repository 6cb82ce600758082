import { beforeAll, describe, expect, it } from 'vitest';
import { seedCluster, seedRawSamples } from '@/lib/testing/lag-seed';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'a'.repeat(64);

const { db } = await import('./client');
const { readLagThresholds, readSlotsPanel } = await import('./lag-status-read');
const { DEFAULT_LAG_THRESHOLDS } = await import('@/lib/alerts/default-rules');
const { readFleet } = await import('./fleet-read');

const now = new Date('2026-11-21T12:00:00.000Z');
const secondsAgo = (seconds: number) => new Date(now.getTime() - seconds * 1000);
const ids = { live: 0, quiet: 0, off: 0, bare: 0, promoted: 0 };
let liveReplicas: number[] = [];

beforeAll(async () => {
  const prisma = await db();
  const live = await seedCluster(prisma, 'live', 2);
  ids.live = live.clusterId;
  liveReplicas = live.replicaIds;
  await seedRawSamples(prisma, { clusterId: live.clusterId, hostIds: live.replicaIds, from: secondsAgo(600), to: secondsAgo(0), intervalSeconds: 1 });
  await prisma.lagSample.create({ data: { clusterId: live.clusterId, hostId: live.replicaIds[1]!, at: now, status: 'stalled', replayBytes: 123_456n, replayLagMs: 9000 } });
  const quiet = await seedCluster(prisma, 'quiet', 1);
  ids.quiet = quiet.clusterId;
  await seedRawSamples(prisma, { clusterId: quiet.clusterId, hostIds: quiet.replicaIds, from: secondsAgo(3600), to: secondsAgo(1800), intervalSeconds: 10 });
  const off = await seedCluster(prisma, 'off', 1);
  ids.off = off.clusterId;
  await prisma.cluster.update({ where: { id: off.clusterId }, data: { monitorRole: null } });
  ids.bare = (await seedCluster(prisma, 'bare', 1)).clusterId;

  for (let minute = 60; minute >= 0; minute -= 1) {
    const at = new Date(now.getTime() - minute * 60_000);
    await prisma.slotSample.create({ data: { clusterId: ids.live, at, slotName: 'pg2', active: true, retainedBytes: BigInt(1_000_000 * (60 - minute)), walStatus: 'reserved', safeWalSize: null, diskFreeBytes: 600_000_000n } });
    await prisma.slotSample.create({ data: { clusterId: ids.live, at, slotName: 'pg3', active: minute > 5, retainedBytes: 1_000n, walStatus: 'extended', safeWalSize: 5_000_000n, diskFreeBytes: 600_000_000n } });
  }
  ids.promoted = (await seedCluster(prisma, 'promoted', 2)).clusterId;
  for (let minute = 60; minute >= 0; minute -= 1) {
    const at = new Date(now.getTime() - minute * 60_000);
    const slot = minute > 10 ? { slotName: 'pg2', retainedBytes: 32_000_000n, diskFreeBytes: 70_000_000_000n } : { slotName: 'pg1', retainedBytes: 4_000_000_000n, diskFreeBytes: 72_000_000_000n };
    await prisma.slotSample.create({ data: { clusterId: ids.promoted, at, active: minute > 10, walStatus: 'reserved', safeWalSize: null, ...slot } });
  }
  await prisma.alertEvent.createMany({
    data: [
      { clusterId: ids.live, key: 'a', metric: 'replica_down', severity: 'critical', summary: 'down' },
      { clusterId: ids.live, key: 'b', metric: 'replay_lag_bytes', severity: 'warning', summary: 'lag' },
      { clusterId: ids.live, key: 'c', metric: 'replay_lag_bytes', severity: 'warning', summary: 'old', resolvedAt: now },
    ],
  });
  await prisma.operation.create({ data: { clusterId: ids.live, kind: 'add_replica', status: 'failed', requestedBy: 'a@example.com', createdAt: secondsAgo(7200), finishedAt: secondsAgo(7100) } });
}, 60_000);

describe('readFleet', () => {
  it('gives each cluster its health, worst lag, open alerts and last operation', async () => {
    const fleet = await readFleet(now);
    const live = fleet.find((cluster) => cluster.name === 'live')!;
    expect(live.replicas.map((replica) => replica.status)).toEqual(['streaming', 'stalled']);
    expect(live.health).toBe('stalled');
    expect(live.replicas[1]!.sample).toMatchObject({ replayBytes: 123_456, replayLagMs: 9000, at: now.getTime() });
    expect(live.worstLag.bytes).toBe(Math.max(...live.replicas.map((replica) => replica.sample!.replayBytes!)));
    expect(live.worstLag.ms).toBe(9000);
    expect(live.openAlerts).toEqual({ warning: 1, critical: 1 });
    expect(live.lastOperation).toMatchObject({ kind: 'add_replica', status: 'failed', at: secondsAgo(7100).getTime() });
  });

  it('says "no recent data", "no data yet" or "monitoring not enabled" instead of a stale word', async () => {
    const fleet = await readFleet(now);
    const health = Object.fromEntries(fleet.map((cluster) => [cluster.name, cluster.health]));
    expect(health).toMatchObject({ quiet: 'no recent data', bare: 'no data yet', off: 'monitoring not enabled' });
    expect(fleet.find((cluster) => cluster.name === 'quiet')!.worstLag).toEqual({ bytes: null, ms: null, idle: false });
  });

  it('shows an idle replica as idle, not as 0 lag', async () => {
    const idleAt = new Date('2026-11-21T13:02:00.000Z');
    const prisma = await db();
    await prisma.lagSample.createMany({ data: liveReplicas.map((hostId) => ({ clusterId: ids.live, hostId, at: idleAt, status: 'streaming', replayBytes: 0n, replayLagMs: null })) });
    const live = (await readFleet(idleAt)).find((cluster) => cluster.name === 'live')!;
    expect(live.worstLag).toEqual({ bytes: 0, ms: null, idle: true });
    expect(live.health).toBe('streaming');
  });
});

describe('readSlotsPanel', () => {
  it('gives each slot its newest reading and forecasts the disk from the largest retention', async () => {
    const panel = await readSlotsPanel(ids.live, now);
    expect(panel.slots).toEqual([
      { slotName: 'pg2', at: now.getTime(), active: true, retainedBytes: 60_000_000, walStatus: 'reserved', safeWalSize: null },
      { slotName: 'pg3', at: now.getTime(), active: false, retainedBytes: 1_000, walStatus: 'extended', safeWalSize: 5_000_000 },
    ]);
    expect(panel.diskFreeBytes).toBe(600_000_000);
    expect(panel.forecast?.growthBytesPerHour).toBeCloseTo(60_000_000, -3);
    expect(panel.forecast?.hoursToFull).toBeCloseTo(10, 1);
  });

  it('forecasts only from the slots since the last promote, not through the jump in retention', async () => {
    const panel = await readSlotsPanel(ids.promoted, now);
    expect(panel.slots.map((slot) => slot.slotName)).toEqual(['pg1', 'pg2']);
    expect(panel.diskFreeBytes).toBe(72_000_000_000);
    expect(panel.forecast?.hoursToFull ?? null).toBeNull();
  });

  it('has no slots and no forecast for a cluster without slot readings', async () => {
    expect(await readSlotsPanel(ids.quiet, now)).toEqual({ slots: [], diskFreeBytes: null, forecast: null });
  });
});

describe('readLagThresholds', () => {
  it('draws the defaults, a stored rule instead of its default, and no disabled rule', async () => {
    expect(await readLagThresholds(ids.quiet)).toEqual(DEFAULT_LAG_THRESHOLDS);
    const prisma = await db();
    await prisma.alertRule.create({ data: { clusterId: ids.quiet, metric: 'replay_lag_bytes', severity: 'warning', threshold: 1e9 } });
    await prisma.alertRule.create({ data: { clusterId: ids.quiet, metric: 'replay_lag_seconds', severity: 'warning', threshold: 30, enabled: false } });
    await prisma.alertRule.create({ data: { clusterId: ids.quiet, metric: 'replay_lag_seconds', severity: 'critical', threshold: 120 } });
    expect(await readLagThresholds(ids.quiet)).toEqual([
      { metric: 'replay_lag_bytes', threshold: 1e9, severity: 'warning' },
      { metric: 'replay_lag_seconds', threshold: 120, severity: 'critical' },
    ]);
  });
});
