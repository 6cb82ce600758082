import 'server-only';
import { db } from '@/lib/db/client';
import type { DrillMetrics, RepositoryMetrics } from './snapshot';

/** Repository readings are taken every ten minutes: one older than three of those is not exported. */
export const REPOSITORY_METRICS_FRESH_MS = 30 * 60_000;

interface RepositoryRow { clusterId: number; repository: number; freeBytes: bigint; totalBytes: bigint; usedBytes: bigint | null }
interface DrillRow { clusterId: number; lastPassedAt: Date | null; lastFailed: boolean }

/**
 * The newest reading of each repository host repository (from the last 30 minutes), and per
 * cluster with a restore drill that passed or failed: when one last passed and whether the newest failed.
 */
export async function readBackupMetrics(clusterName: ReadonlyMap<number, string>, now: Date): Promise<{ repositories: RepositoryMetrics[]; drills: DrillMetrics[] }> {
  const prisma = await db();
  const since = new Date(now.getTime() - REPOSITORY_METRICS_FRESH_MS);
  const [repositories, drills] = await Promise.all([
    prisma.$queryRaw<RepositoryRow[]>`
      SELECT DISTINCT ON (s."clusterId", s."repository") s."clusterId", s."repository", s."freeBytes", s."totalBytes", s."usedBytes"
        FROM "backup_repository_samples" s
       WHERE s."at" > ${since}
       ORDER BY s."clusterId", s."repository", s."at" DESC`,
    prisma.$queryRaw<DrillRow[]>`
      SELECT DISTINCT ON (o."clusterId") o."clusterId", o."status" = 'failed' AS "lastFailed",
             (SELECT max(COALESCE(p."finishedAt", p."createdAt")) FROM "operations" p
               WHERE p."clusterId" = o."clusterId" AND p."kind" = 'restore-drill' AND p."status" = 'succeeded') AS "lastPassedAt"
        FROM "operations" o
       WHERE o."kind" = 'restore-drill' AND o."status" IN ('succeeded', 'failed') AND o."clusterId" IS NOT NULL
       ORDER BY o."clusterId", o."createdAt" DESC, o."id" DESC`,
  ]);
  return {
    repositories: repositories.flatMap((row) => {
      const cluster = clusterName.get(row.clusterId);
      return cluster ? [{ cluster, repository: row.repository, freeBytes: Number(row.freeBytes), totalBytes: Number(row.totalBytes), usedBytes: row.usedBytes === null ? null : Number(row.usedBytes) }] : [];
    }),
    drills: drills.flatMap((row) => {
      const cluster = clusterName.get(row.clusterId);
      return cluster ? [{ cluster, lastPassedAt: row.lastPassedAt === null ? null : new Date(row.lastPassedAt), lastFailed: row.lastFailed }] : [];
    }),
  };
}
