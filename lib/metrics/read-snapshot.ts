import 'server-only';
import { countOpenAlerts } from '@/lib/db/alerts-events';
import { Prisma } from '@/generated/prisma/client';
import { db } from '@/lib/db/client';
import { readPollErrors } from './poll-errors';
import { readBackupMetrics } from './read-backup-metrics';
import type { MetricsSnapshot } from './snapshot';

/** Samples older than this are not exported: a stopped poller must not look like a healthy replica. */
export const METRICS_FRESH_MS = 5 * 60_000;

interface LagRow {
  clusterId: number;
  hostId: number;
  at: Date;
  status: string;
  sentBytes: bigint | null;
  writeBytes: bigint | null;
  flushBytes: bigint | null;
  replayBytes: bigint | null;
  writeLagMs: number | null;
  flushLagMs: number | null;
  replayLagMs: number | null;
  heartbeatLagMs: number | null;
  replyAgeMs: number | null;
}

interface SlotRow {
  clusterId: number;
  slotName: string;
  active: boolean;
  retainedBytes: bigint | null;
  walStatus: string | null;
  safeWalSize: bigint | null;
  diskFreeBytes: bigint | null;
}

interface ArchiveRow {
  clusterId: number;
  hostId: number;
  at: Date;
  failedCount: bigint;
  lastArchivedAt: Date | null;
  readySegments: number | null;
  walDirectoryBytes: bigint | null;
}

/**
 * Per cluster, the start of the span worth reading: three poll intervals (plus 5 s) before its
 * newest sample, and never before `since`. Rows of hosts or slots that stopped appearing in
 * recent polls fall out, and the index on (clusterId, at) keeps the read small.
 */
function latestPerCluster(table: 'lag_samples' | 'slot_samples' | 'archive_samples', since: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT c."id" AS "clusterId",
           GREATEST(${since}::timestamptz, m."at" - (3 * c."pollIntervalMs" + 5000) * interval '1 millisecond') AS "from"
      FROM "clusters" c
      CROSS JOIN LATERAL (SELECT max(x."at") AS "at" FROM ${Prisma.raw(`"${table}"`)} x WHERE x."clusterId" = c."id") m
     WHERE m."at" > ${since}`;
}

function pollErrorsByName(counts: ReadonlyMap<number, number> | null, names: ReadonlyMap<number, string>) {
  if (!counts) return null;
  return [...names].map(([id, cluster]) => ({ cluster, count: counts.get(id) ?? 0 }));
}

const num = (value: bigint | number | null): number | null => (value === null ? null : Number(value));

/**
 * The latest stored sample per replica, per slot and per member's archiver (from the last five minutes), with
 * cluster and host names, the backup repositories' space and the restore drills, open alert counts and this instance's poll errors. Reads only the
 * shared database, so every app instance gives the same answer.
 */
export async function readMetricsSnapshot(now: Date = new Date()): Promise<MetricsSnapshot> {
  const prisma = await db();
  const since = new Date(now.getTime() - METRICS_FRESH_MS);
  const [lags, slots, archives, clusters, alerts] = await Promise.all([
    prisma.$queryRaw<LagRow[]>`
      WITH latest AS (${latestPerCluster('lag_samples', since)})
      SELECT DISTINCT ON (s."clusterId", s."hostId") s."clusterId", s."hostId", s."at", s."status", s."sentBytes", s."writeBytes", s."flushBytes", s."replayBytes",
             s."writeLagMs", s."flushLagMs", s."replayLagMs", s."heartbeatLagMs", s."replyAgeMs"
        FROM "lag_samples" s JOIN latest ON s."clusterId" = latest."clusterId" AND s."at" >= latest."from"
       ORDER BY s."clusterId", s."hostId", s."at" DESC`,
    prisma.$queryRaw<SlotRow[]>`
      WITH latest AS (${latestPerCluster('slot_samples', since)})
      SELECT DISTINCT ON (s."clusterId", s."slotName") s."clusterId", s."slotName", s."active", s."retainedBytes", s."walStatus", s."safeWalSize", s."diskFreeBytes"
        FROM "slot_samples" s JOIN latest ON s."clusterId" = latest."clusterId" AND s."at" >= latest."from"
       ORDER BY s."clusterId", s."slotName", s."at" DESC`,
    prisma.$queryRaw<ArchiveRow[]>`
      WITH latest AS (${latestPerCluster('archive_samples', since)})
      SELECT DISTINCT ON (s."clusterId", s."hostId") s."clusterId", s."hostId", s."at", s."failedCount", s."lastArchivedAt", s."readySegments", s."walDirectoryBytes"
        FROM "archive_samples" s JOIN latest ON s."clusterId" = latest."clusterId" AND s."at" >= latest."from"
       ORDER BY s."clusterId", s."hostId", s."at" DESC`,
    prisma.cluster.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    countOpenAlerts(),
  ]);
  const hostIds = [...new Set([...lags, ...archives].map((row) => row.hostId))];
  const hosts = await prisma.host.findMany({ where: { id: { in: hostIds } }, select: { id: true, name: true } });
  const clusterName = new Map(clusters.map((cluster) => [cluster.id, cluster.name]));
  const hostName = new Map(hosts.map((host) => [host.id, host.name]));
  const backups = await readBackupMetrics(clusterName, now);
  return {
    clusters: clusters.map((cluster) => cluster.name),
    replicas: lags.flatMap((row) => {
      const cluster = clusterName.get(row.clusterId);
      if (!cluster) return [];
      return [{
        cluster,
        replica: hostName.get(row.hostId) ?? `host-${row.hostId}`,
        at: new Date(row.at),
        status: row.status,
        sentBytes: num(row.sentBytes),
        writeBytes: num(row.writeBytes),
        flushBytes: num(row.flushBytes),
        replayBytes: num(row.replayBytes),
        writeLagMs: num(row.writeLagMs),
        flushLagMs: num(row.flushLagMs),
        replayLagMs: num(row.replayLagMs),
        heartbeatLagMs: num(row.heartbeatLagMs),
        replyAgeMs: num(row.replyAgeMs),
      }];
    }),
    slots: slots.flatMap((row) => {
      const cluster = clusterName.get(row.clusterId);
      if (!cluster) return [];
      return [{ cluster, slot: row.slotName, active: row.active, retainedBytes: num(row.retainedBytes), walStatus: row.walStatus, safeWalSize: num(row.safeWalSize), diskFreeBytes: num(row.diskFreeBytes) }];
    }),
    archivers: archives.flatMap((row) => {
      const cluster = clusterName.get(row.clusterId);
      if (!cluster) return [];
      return [{
        cluster, member: hostName.get(row.hostId) ?? `host-${row.hostId}`, at: new Date(row.at), failedCount: Number(row.failedCount),
        lastArchivedAt: row.lastArchivedAt === null ? null : new Date(row.lastArchivedAt), readySegments: num(row.readySegments), walDirectoryBytes: num(row.walDirectoryBytes),
      }];
    }),
    ...backups,
    openAlerts: alerts.flatMap((row) => {
      const cluster = clusterName.get(row.clusterId);
      return cluster ? [{ cluster, severity: row.severity, count: row.count }] : [];
    }),
    pollErrors: pollErrorsByName(readPollErrors(), clusterName),
  };
}
