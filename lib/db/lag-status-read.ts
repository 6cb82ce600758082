import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import { DEFAULT_LAG_THRESHOLDS } from '@/lib/alerts/default-rules';
import type { LagThreshold } from '@/lib/lag/types';
import { forecastDiskFull, latestRun, type DiskForecast } from '@/lib/monitor/disk-forecast';
import { db } from './client';
import { toNumber } from './lag-read';

export interface LatestSample {
  hostId: number;
  at: number;
  status: string;
  state: string | null;
  syncState: string | null;
  sentBytes: number | null;
  writeBytes: number | null;
  flushBytes: number | null;
  replayBytes: number | null;
  writeLagMs: number | null;
  flushLagMs: number | null;
  replayLagMs: number | null;
  replyAgeMs: number | null;
  replayPaused: boolean | null;
  receiverStatus: string | null;
  heartbeatLagMs: number | null;
}

type Big = bigint | number | null;
type LatestRow = Omit<LatestSample, 'sentBytes' | 'writeBytes' | 'flushBytes' | 'replayBytes'> & { sentBytes: Big; writeBytes: Big; flushBytes: Big; replayBytes: Big };

const epochMs = (column: Prisma.Sql) => Prisma.sql`(extract(epoch FROM ${column}) * 1000)::float8`;

/**
 * Each replica's newest sample of the last `windowMs` (keep it a few poll intervals wide: it
 * bounds the rows read). A replica without one is absent; see `lastSampleAt` for why.
 */
export async function readLatestSamples(clusterId: number, now: Date, windowMs: number): Promise<LatestSample[]> {
  const rows = await (await db()).$queryRaw<LatestRow[]>`
SELECT DISTINCT ON ("hostId") "hostId", ${epochMs(Prisma.sql`"at"`)} AS "at", "status", "state", "syncState",
  "sentBytes", "writeBytes", "flushBytes", "replayBytes", "writeLagMs", "flushLagMs", "replayLagMs", "replyAgeMs",
  "replayPaused", "receiverStatus", "heartbeatLagMs"
FROM lag_samples WHERE "clusterId" = ${clusterId} AND "at" >= ${new Date(now.getTime() - windowMs)}
ORDER BY "hostId", "at" DESC`;
  return rows.map((row) => ({
    ...row,
    at: Number(row.at),
    sentBytes: toNumber(row.sentBytes),
    writeBytes: toNumber(row.writeBytes),
    flushBytes: toNumber(row.flushBytes),
    replayBytes: toNumber(row.replayBytes),
  }));
}

/** When the cluster was last sampled at all (null: never), to tell "no data yet" from "no recent data". */
export async function lastSampleAt(clusterId: number): Promise<number | null> {
  const row = await (await db()).lagSample.findFirst({ where: { clusterId }, orderBy: { at: 'desc' }, select: { at: true } });
  return row?.at.getTime() ?? null;
}

export interface SlotView {
  slotName: string;
  at: number;
  active: boolean;
  retainedBytes: number | null;
  walStatus: string | null;
  safeWalSize: number | null;
}

export interface SlotsPanelData {
  slots: SlotView[];
  diskFreeBytes: number | null;
  forecast: DiskForecast | null;
}

const SLOT_WINDOW_MS = 15 * 60_000;
const FORECAST_WINDOW_MS = 3_600_000;

/**
 * Each slot's newest reading (of the last 15 minutes), the primary's free disk, and the
 * disk-full forecast from the last hour of retention (the largest retention across slots, in
 * 30 s buckets: the oldest slot decides how much WAL the primary keeps). The forecast uses
 * only the buckets since the slot set last changed: a promote recreates the slots on the new
 * primary, and retention read on two primaries is not one trend.
 */
export async function readSlotsPanel(clusterId: number, now = new Date()): Promise<SlotsPanelData> {
  const prisma = await db();
  const bucket = Prisma.sql`date_bin('30 seconds'::interval, "at", TIMESTAMPTZ '2000-01-01 00:00:00+00')`;
  const [latest, retention] = await Promise.all([
    prisma.$queryRaw<{ slotName: string; at: number; active: boolean; retainedBytes: Big; walStatus: string | null; safeWalSize: Big; diskFreeBytes: Big }[]>`
SELECT DISTINCT ON ("slotName") "slotName", ${epochMs(Prisma.sql`"at"`)} AS "at", "active", "retainedBytes", "walStatus", "safeWalSize", "diskFreeBytes"
FROM slot_samples WHERE "clusterId" = ${clusterId} AND "at" >= ${new Date(now.getTime() - SLOT_WINDOW_MS)}
ORDER BY "slotName", "at" DESC`,
    prisma.$queryRaw<{ at: number; retainedBytes: Big; slotNames: string }[]>`
SELECT ${epochMs(bucket)} AS "at", max("retainedBytes") AS "retainedBytes", string_agg(DISTINCT "slotName", ',' ORDER BY "slotName") AS "slotNames"
FROM slot_samples WHERE "clusterId" = ${clusterId} AND "at" >= ${new Date(now.getTime() - FORECAST_WINDOW_MS)} AND "retainedBytes" IS NOT NULL
GROUP BY 1 ORDER BY 1`,
  ]);
  const slots = latest.map((row) => ({
    slotName: row.slotName, at: Number(row.at), active: row.active, retainedBytes: toNumber(row.retainedBytes), walStatus: row.walStatus, safeWalSize: toNumber(row.safeWalSize),
  }));
  const newest = [...latest].sort((a, b) => Number(b.at) - Number(a.at)).find((row) => row.diskFreeBytes !== null);
  const diskFreeBytes = toNumber(newest?.diskFreeBytes);
  const points = latestRun(retention, (row) => row.slotNames).map((row) => ({ at: new Date(Number(row.at)), retainedBytes: toNumber(row.retainedBytes) ?? 0 }));
  return { slots, diskFreeBytes, forecast: forecastDiskFull(points, diskFreeBytes) };
}

/** The cluster's replay-lag alert thresholds for the chart: stored rules replace the defaults; disabled ones are not drawn. */
export async function readLagThresholds(clusterId: number): Promise<LagThreshold[]> {
  const stored = await (await db()).alertRule.findMany({
    where: { clusterId, metric: { in: ['replay_lag_bytes', 'replay_lag_seconds'] } },
    select: { metric: true, severity: true, threshold: true, enabled: true },
  });
  const key = (rule: { metric: string; severity: string }) => `${rule.metric}:${rule.severity}`;
  const storedKeys = new Set(stored.map(key));
  const fromStore = stored.flatMap((rule): LagThreshold[] => {
    const metric = rule.metric === 'replay_lag_bytes' || rule.metric === 'replay_lag_seconds' ? rule.metric : null;
    return rule.enabled && rule.threshold !== null && metric ? [{ metric, threshold: rule.threshold, severity: rule.severity }] : [];
  });
  return [...DEFAULT_LAG_THRESHOLDS.filter((rule) => !storedKeys.has(key(rule))), ...fromStore];
}
