import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { forecastRepositoryFull, REPOSITORY_FORECAST_WINDOW_MS, type RepositorySpace } from '@/lib/backup/repository-forecast';
import type { RepositoryReading } from '@/lib/backup/repository-space';
import type { DrillRecord } from '@/lib/backup/schedule';
import { loadBackupPlan, type BackupPlanRow } from './backups';
import { db } from './client';

/** A cluster's enabled backups beyond their schedule: each repository's capacity and the restore drills. */
export interface BackupHealth {
  readonly repositories: readonly RepositorySpace[];
  readonly drills: DrillRecord;
}

/** Stores one reading of a repository host repository's file system. */
export async function saveRepositorySample(clusterId: number, repository: number, at: Date, reading: RepositoryReading): Promise<void> {
  await (await db()).backupRepositorySample.create({
    data: { clusterId, repository, at, freeBytes: BigInt(reading.freeBytes), totalBytes: BigInt(reading.totalBytes), usedBytes: reading.usedBytes === null ? null : BigInt(reading.usedBytes) },
  });
}

/** Each repository of the plan with its newest reading and the forecast from the last week's (object storage: nothing to read; a host repository without its host is left out). */
export async function loadRepositorySpaces(plan: BackupPlanRow, now: Date): Promise<RepositorySpace[]> {
  const since = new Date(now.getTime() - REPOSITORY_FORECAST_WINDOW_MS);
  const prisma = await db();
  const spaces = await Promise.all(plan.repositories.map(async (row): Promise<RepositorySpace | null> => {
    if (row.kind === 's3') return { kind: 's3', repository: row.number, path: row.path };
    if (!row.host) return null;
    const rows = await prisma.backupRepositorySample.findMany({
      where: { clusterId: plan.clusterId, repository: row.number, at: { gte: since } }, orderBy: { at: 'asc' },
      select: { at: true, freeBytes: true, totalBytes: true, usedBytes: true },
    });
    const samples = rows.map((sample) => ({ at: sample.at, freeBytes: Number(sample.freeBytes), totalBytes: Number(sample.totalBytes), usedBytes: sample.usedBytes === null ? null : Number(sample.usedBytes) }));
    const newest = samples.at(-1);
    return {
      kind: 'host', repository: row.number, hostName: row.host.name, path: row.path,
      latest: newest ? { at: newest.at.toISOString(), freeBytes: newest.freeBytes, totalBytes: newest.totalBytes, usedBytes: newest.usedBytes } : null,
      forecast: forecastRepositoryFull(samples),
    };
  }));
  return spaces.filter((space) => space !== null);
}

/** The cluster's newest restore drill (by when it was asked for) that passed or failed, and its newest passed one. */
async function loadDrillRecord(plan: BackupPlanRow & { readonly enabledAt: Date }): Promise<DrillRecord> {
  const prisma = await db();
  const where = { clusterId: plan.clusterId, kind: 'restore-drill' };
  const select = { id: true, status: true, outcome: true, createdAt: true, finishedAt: true } as const;
  const orderBy: Prisma.OperationOrderByWithRelationInput[] = [{ createdAt: 'desc' }, { id: 'desc' }];
  const [latest, passed] = await Promise.all([
    prisma.operation.findFirst({ where: { ...where, status: { in: ['succeeded', 'failed'] } }, orderBy, select }),
    prisma.operation.findFirst({ where: { ...where, status: 'succeeded' }, orderBy, select }),
  ]);
  return {
    drillHostId: plan.drillHostId, drillEveryDays: plan.drillEveryDays, enabledAt: plan.enabledAt,
    latest: latest ? { operationId: latest.id, passed: latest.status === 'succeeded', at: latest.finishedAt ?? latest.createdAt, outcome: latest.outcome } : null,
    lastPassedAt: passed ? (passed.finishedAt ?? passed.createdAt) : null,
  };
}

/** Null while the cluster's backups are not enabled. */
export async function loadBackupHealth(clusterId: number, now: Date): Promise<BackupHealth | null> {
  const plan = await loadBackupPlan(clusterId);
  if (!plan?.enabledAt) return null;
  const [repositories, drills] = await Promise.all([loadRepositorySpaces(plan, now), loadDrillRecord({ ...plan, enabledAt: plan.enabledAt })]);
  return { repositories, drills };
}
