import { beforeAll, describe, expect, it } from 'vitest';
import type { WalArchiver } from '@/lib/members/status';
import type { ClusterTick, MemberPoll, ReplicaSample, ReplicaStatus } from '@/lib/monitor/types';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'f'.repeat(64);

const { db } = await import('./client');
const { storeTicks } = await import('./lag-write');
const { pruneMonitoring, rawRetentionHours, rollupMinutes } = await import('./monitor-maintenance');

let clusterId = 0;
const minute = Date.parse('2026-11-22T08:00:00Z');

function sample(at: Date, replayBytes: number | null, status: ReplicaStatus = 'streaming', replayLagMs: number | null = null): ReplicaSample {
  return {
    clusterId, hostId: 7, at, status, state: 'streaming', syncState: 'async', sentBytes: 0, writeBytes: 0, flushBytes: 0, replayBytes,
    writeLagMs: null, flushLagMs: null, replayLagMs, replyAgeMs: 300, receiveLsn: '0/1', replayLsn: '0/1', replayPaused: false,
    lastReplayAt: null, receiverStatus: 'streaming', heartbeatLagMs: 12,
  };
}

const archiver: WalArchiver = {
  archiveMode: 'on', archivedCount: 1287, lastArchivedWal: '000000010000000A00000051', lastArchivedAt: new Date(minute - 90_000),
  failedCount: 3, lastFailedWal: '000000010000000A0000003F', lastFailedAt: new Date(minute - 3_600_000), readySegments: 2, walDirectoryBytes: 6_442_450_944,
};

/** The primary (host 1) answered with its archiver; the replica (host 7) did not answer. */
const members: MemberPoll[] = [
  { hostId: 1, hostName: 'pg1', reachable: true, error: null, inRecovery: false, archiver, durationMs: 2 },
  { hostId: 7, hostName: 'pg7', reachable: false, error: 'connection timed out', inRecovery: null, archiver: null, durationMs: 2 },
];

function tick(at: Date, replicas: ReplicaSample[]): ClusterTick {
  return {
    clusterId, clusterName: 'orders', at, recordedPrimaryHostId: 1, writableHostIds: [1], sourceHostId: 1, primaryLsn: '0/1', members, replicas,
    slots: [{ clusterId, at, slotName: 'tandem_pg2', active: true, retainedBytes: 5_000_000_000, walStatus: 'reserved', safeWalSize: null, diskFreeBytes: 9e9 }],
    durationMs: 3,
  };
}

beforeAll(async () => {
  clusterId = (await (await db()).cluster.create({ data: { name: 'orders' }, select: { id: true } })).id;
});

describe('lag storage', () => {
  it('stores a tick\'s samples with idle lags as NULL and large byte counts exactly', async () => {
    await storeTicks([tick(new Date(minute + 1_000), [sample(new Date(minute + 1_000), 4096)])]);
    const row = await (await db()).lagSample.findFirst({ select: { replayBytes: true, replayLagMs: true, writeLagMs: true, status: true } });
    expect(row).toEqual({ replayBytes: 4096n, replayLagMs: null, writeLagMs: null, status: 'streaming' });
    expect(await (await db()).slotSample.findFirst({ select: { retainedBytes: true } })).toEqual({ retainedBytes: 5_000_000_000n });
  });

  it("stores each answering member's archiver, with a never-archived time as NULL and pg_wal's size exactly", async () => {
    const at = new Date(minute + 1_500);
    await storeTicks([tick(at, []), { ...tick(new Date(minute + 1_600), []), members: [{ ...members[0]!, archiver: { ...archiver, lastArchivedAt: null, readySegments: null } }] }]);
    const rows = await (await db()).$queryRaw<unknown[]>`SELECT "hostId", "at", "failedCount", "lastArchivedAt", "readySegments", "walDirectoryBytes" FROM archive_samples WHERE "at" >= ${at} ORDER BY "at"`;
    expect(rows).toEqual([
      { hostId: 1, at, failedCount: 3n, lastArchivedAt: new Date(minute - 90_000), readySegments: 2, walDirectoryBytes: 6_442_450_944n },
      { hostId: 1, at: new Date(minute + 1_600), failedCount: 3n, lastArchivedAt: null, readySegments: null, walDirectoryBytes: 6_442_450_944n },
    ]);
  });

  it('rolls a minute up into min/avg/max and its worst status, and recomputes it whole when repeated', async () => {
    await storeTicks([tick(new Date(minute + 2_000), [sample(new Date(minute + 2_000), 1000, 'stalled', 40)])]);
    await storeTicks([tick(new Date(minute + 3_000), [sample(new Date(minute + 3_000), 7000, 'catching up', 20)])]);
    await storeTicks([tick(new Date(minute + 61_000), [sample(new Date(minute + 61_000), 1, 'streaming')])]);
    for (let run = 0; run < 2; run += 1) await rollupMinutes(new Date(minute), new Date(minute + 60_000));
    const rollups = await (await db()).lagRollup.findMany({ select: { minute: true, samples: true, replayBytesMin: true, replayBytesAvg: true, replayBytesMax: true, replayLagMsMax: true, worstStatus: true } });
    expect(rollups).toEqual([{ minute: new Date(minute), samples: 3, replayBytesMin: 1000n, replayBytesAvg: 4032n, replayBytesMax: 7000n, replayLagMsMax: 40, worstStatus: 'stalled' }]);
  });

  it('prunes raw samples past the retention and keeps newer ones (backup repository readings 14 days); the retention setting defaults to 24 h', async () => {
    expect(await rawRetentionHours()).toBe(24);
    await (await db()).setting.create({ data: { key: 'monitor.rawRetentionHours', value: 2 } });
    expect(await rawRetentionHours()).toBe(2);
    const now = minute + 2 * 3_600_000 + 30_000;
    const reading = { clusterId, repository: 1, freeBytes: 5n, totalBytes: 10n };
    await (await db()).backupRepositorySample.createMany({ data: [{ ...reading, at: new Date(now - 15 * 86_400_000) }, { ...reading, at: new Date(now - 13 * 86_400_000) }] });
    const pruned = await pruneMonitoring(new Date(now), 2);
    expect(pruned).toEqual({ lagSamples: 3, slotSamples: 5, archiveSamples: 5, rollups: 0, repositorySamples: 1 });
    expect(await (await db()).lagSample.count()).toBe(1);
    expect(await (await db()).lagRollup.count()).toBe(1);
    expect(await (await db()).backupRepositorySample.count()).toBe(1);
  });

  it('stores the ticks of several clusters with one call', async () => {
    const other = (await (await db()).cluster.create({ data: { name: 'billing' }, select: { id: true } })).id;
    const at = new Date(minute + 3 * 3_600_000);
    const mine = tick(at, [sample(at, 10)]);
    const theirs: ClusterTick = { ...mine, clusterId: other, replicas: mine.replicas.map((row) => ({ ...row, clusterId: other, replayBytes: 20 })), slots: mine.slots.map((slot) => ({ ...slot, clusterId: other })) };
    await storeTicks([mine, theirs]);
    const rows = await (await db()).lagSample.findMany({ where: { at }, orderBy: { clusterId: 'asc' }, select: { clusterId: true, replayBytes: true } });
    expect(rows).toEqual([{ clusterId, replayBytes: 10n }, { clusterId: other, replayBytes: 20n }]);
    expect(await (await db()).slotSample.count({ where: { at } })).toBe(2);
  });
});
