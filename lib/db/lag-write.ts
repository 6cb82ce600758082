import 'server-only';
import type { ClusterTick } from '@/lib/monitor/types';
import { db } from './client';

const INT_MAX = 2_147_483_647;

function big(value: number | null): bigint | null {
  return value === null ? null : BigInt(Math.round(value));
}

function int(value: number | null): number | null {
  return value === null ? null : Math.max(-INT_MAX, Math.min(INT_MAX, Math.round(value)));
}

/**
 * Stores ticks (of one cluster or of many): every replica sample in one multi-row insert
 * and every slot sample in another, in one transaction, so a chart never sees half a tick
 * and a batch of clusters costs one commit.
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
  if (lag.length === 0 && slots.length === 0) return;
  await prisma.$transaction([
    ...(lag.length ? [prisma.lagSample.createMany({ data: lag })] : []),
    ...(slots.length ? [prisma.slotSample.createMany({ data: slots })] : []),
  ]);
}
