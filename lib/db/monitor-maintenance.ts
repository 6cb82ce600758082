import 'server-only';
import type { PrismaClient } from '@/generated/prisma/client';
import { db } from './client';

export const RAW_RETENTION_SETTING = 'monitor.rawRetentionHours';
export const DEFAULT_RAW_RETENTION_HOURS = 24;
export const ROLLUP_RETENTION_DAYS = 30;
/** Backup repository readings feed a forecast of the last week's growth: two weeks are kept. */
export const REPOSITORY_SAMPLE_RETENTION_DAYS = 14;
const PRUNE_BATCH = 5_000;
const MAX_BATCHES = 20;

/** Hours raw samples are kept (Setting `monitor.rawRetentionHours`, default 24, at least 1). */
export async function rawRetentionHours(): Promise<number> {
  const row = await (await db()).setting.findUnique({ where: { key: RAW_RETENTION_SETTING }, select: { value: true } });
  const value = typeof row?.value === 'number' ? row.value : Number(row?.value);
  return Number.isFinite(value) && value >= 1 ? value : DEFAULT_RAW_RETENTION_HOURS;
}

/**
 * Upserts one-minute rollups (min/avg/max and the worst status) for every minute that
 * starts in [from, to), from the raw samples. Safe to repeat: a minute is recomputed whole.
 * `client` lets seed scripts and benches write to a database of their own.
 */
export async function rollupMinutes(from: Date, to: Date, client?: PrismaClient): Promise<number> {
  const prisma = client ?? (await db());
  return prisma.$executeRaw`
INSERT INTO lag_rollups ("clusterId", "hostId", "minute", "samples", "replayBytesMin", "replayBytesAvg", "replayBytesMax", "flushBytesMax", "writeBytesMax",
  "replayLagMsMin", "replayLagMsAvg", "replayLagMsMax", "flushLagMsMax", "writeLagMsMax", "worstStatus")
SELECT "clusterId", "hostId", date_trunc('minute', "at"), count(*)::int,
  min("replayBytes"), round(avg("replayBytes"))::bigint, max("replayBytes"), max("flushBytes"), max("writeBytes"),
  min("replayLagMs"), round(avg("replayLagMs"))::int, max("replayLagMs"), max("flushLagMs"), max("writeLagMs"),
  (array_agg("status" ORDER BY CASE "status" WHEN 'unreachable' THEN 5 WHEN 'disconnected' THEN 4 WHEN 'stalled' THEN 3
    WHEN 'replay paused' THEN 2 WHEN 'catching up' THEN 1 ELSE 0 END DESC))[1]
FROM lag_samples
WHERE "at" >= ${from} AND "at" < ${to}
GROUP BY 1, 2, 3
ON CONFLICT ("clusterId", "hostId", "minute") DO UPDATE SET
  "samples" = EXCLUDED."samples", "replayBytesMin" = EXCLUDED."replayBytesMin", "replayBytesAvg" = EXCLUDED."replayBytesAvg",
  "replayBytesMax" = EXCLUDED."replayBytesMax", "flushBytesMax" = EXCLUDED."flushBytesMax", "writeBytesMax" = EXCLUDED."writeBytesMax",
  "replayLagMsMin" = EXCLUDED."replayLagMsMin", "replayLagMsAvg" = EXCLUDED."replayLagMsAvg", "replayLagMsMax" = EXCLUDED."replayLagMsMax",
  "flushLagMsMax" = EXCLUDED."flushLagMsMax", "writeLagMsMax" = EXCLUDED."writeLagMsMax", "worstStatus" = EXCLUDED."worstStatus"`;
}

async function inBatches(remove: () => Promise<number>): Promise<number> {
  let total = 0;
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    const removed = await remove();
    total += removed;
    if (removed < PRUNE_BATCH) break;
  }
  return total;
}

export interface PruneResult {
  readonly lagSamples: number;
  readonly slotSamples: number;
  readonly archiveSamples: number;
  readonly rollups: number;
  readonly repositorySamples: number;
}

/**
 * Deletes raw samples older than the retention, rollups older than 30 days and backup
 * repository readings older than 14 days, in small
 * batches (at most 20 × 5,000 rows per table per call) so it never holds the database long;
 * what is left is taken on the next call.
 */
export async function pruneMonitoring(now: Date, retentionHours: number): Promise<PruneResult> {
  const prisma = await db();
  const rawCutoff = new Date(now.getTime() - retentionHours * 3_600_000);
  const rollupCutoff = new Date(now.getTime() - ROLLUP_RETENTION_DAYS * 86_400_000);
  const lagSamples = await inBatches(() => prisma.$executeRaw`DELETE FROM lag_samples WHERE id IN (SELECT id FROM lag_samples WHERE "at" < ${rawCutoff} ORDER BY "at" LIMIT ${PRUNE_BATCH})`);
  const slotSamples = await inBatches(() => prisma.$executeRaw`DELETE FROM slot_samples WHERE id IN (SELECT id FROM slot_samples WHERE "at" < ${rawCutoff} ORDER BY "at" LIMIT ${PRUNE_BATCH})`);
  const archiveSamples = await inBatches(() => prisma.$executeRaw`DELETE FROM archive_samples WHERE id IN (SELECT id FROM archive_samples WHERE "at" < ${rawCutoff} ORDER BY "at" LIMIT ${PRUNE_BATCH})`);
  const rollups = await inBatches(() => prisma.$executeRaw`DELETE FROM lag_rollups WHERE ("clusterId", "hostId", "minute") IN (SELECT "clusterId", "hostId", "minute" FROM lag_rollups WHERE "minute" < ${rollupCutoff} LIMIT ${PRUNE_BATCH})`);
  const repositoryCutoff = new Date(now.getTime() - REPOSITORY_SAMPLE_RETENTION_DAYS * 86_400_000);
  const repositorySamples = await inBatches(() => prisma.$executeRaw`DELETE FROM backup_repository_samples WHERE id IN (SELECT id FROM backup_repository_samples WHERE "at" < ${repositoryCutoff} ORDER BY "at" LIMIT ${PRUNE_BATCH})`);
  return { lagSamples, slotSamples, archiveSamples, rollups, repositorySamples };
}
