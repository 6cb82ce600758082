import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import type { ClusterTick } from '@/lib/monitor/types';
import { db } from './client';

const INT_MAX = 2_147_483_647;

function big(value: number | null): bigint | null {
  return value === null ? null : BigInt(Math.round(value));
}

function int(value: number | null): number | null {
  return value === null ? null : Math.max(-INT_MAX, Math.min(INT_MAX, Math.round(value)));
}

/** Each answering member's archiver as an `archive_samples` row, for /api/metrics. */
function archiveRows(ticks: readonly ClusterTick[]): Prisma.Sql[] {
  return ticks.flatMap((tick) => tick.members.flatMap((member) => {
    const archiver = member.archiver;
    if (!archiver) return [];
    return [Prisma.sql`(${tick.clusterId}, ${member.hostId}, ${tick.at}, ${big(archiver.failedCount)}, ${archiver.lastArchivedAt}, ${int(archiver.readySegments)}, ${big(archiver.walDirectoryBytes)})`];
  }));
}

/**
 * Stores ticks (of one cluster or of many): every replica sample in one multi-row insert,
 * every slot sample in another and every member's archiver in a third, in one transaction,
 * so a chart never sees half a tick and a batch of clusters costs one commit.
 */
export async function storeTicks(ticks: readonly ClusterTick[]): Promise<void> {
  const prisma = await db();
  const lag = ticks.flatMap((tick) => tick.replicas).map((sample) => ({
    clusterId: sample.clusterId, hostId: sample.hostId, at: sample.at, status: sample.status, state: sample.state, syncState: sample.syncState,
    sentBytes: big(sample.sentBytes), writeBytes: big(sample.writeBytes), flushBytes: big(sample.flushBytes), replayBytes: big(sample.replayBytes),
    writeLagMs: int(sample.writeLagMs), flushLagMs: int(sample.flushLagMs), replayLagMs: int(sample.replayLagMs), replyAgeMs: int(sample.replyAgeMs),
    receiveLsn: sample.receiveLsn, replayLsn: sample.replayLsn, replayPaused: sample.replayPaused, lastReplayAt: sample.lastReplayAt,
    receiverStatus: sample.receiverStatus, heartbeatLagMs: int(sample.heartbeatLagMs),
  }));
  const slots = ticks.flatMap((tick) => tick.slots).map((slot) => ({
    clusterId: slot.clusterId, at: slot.at, slotName: slot.slotName, active: slot.active,
    retainedBytes: big(slot.retainedBytes), walStatus: slot.walStatus, safeWalSize: big(slot.safeWalSize), diskFreeBytes: big(slot.diskFreeBytes),
  }));
  const archives = archiveRows(ticks);
  if (lag.length === 0 && slots.length === 0 && archives.length === 0) return;
  await prisma.$transaction([
    ...(lag.length ? [prisma.lagSample.createMany({ data: lag })] : []),
    ...(slots.length ? [prisma.slotSample.createMany({ data: slots })] : []),
    ...(archives.length
      ? [prisma.$executeRaw`INSERT INTO archive_samples ("clusterId", "hostId", "at", "failedCount", "lastArchivedAt", "readySegments", "walDirectoryBytes") VALUES ${Prisma.join(archives)}`]
      : []),
  ]);
}
