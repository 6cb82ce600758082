import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { FAILOVER_KIND_NAMES } from '@/lib/operations/kind-names';
import { db } from './client';

export interface FailoverRun {
  readonly id: number;
  readonly kind: string;
  readonly status: string;
  readonly requestedBy: string;
  readonly reason: string;
  readonly outcome: string | null;
  readonly createdAt: string;
  readonly finishedAt: string | null;
  readonly metrics: Readonly<Record<string, number>>;
}

function numericMetrics(value: Prisma.JsonValue): Record<string, number> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
}

/** One failover operation's measured figures, or null when the operation is of another kind. */
export async function readFailoverMetrics(operationId: number): Promise<{ kind: string; metrics: Record<string, number> } | null> {
  const row = await (await db()).operation.findUnique({ where: { id: operationId }, select: { kind: true, metrics: true } });
  if (!row || !(FAILOVER_KIND_NAMES as readonly string[]).includes(row.kind)) return null;
  return { kind: row.kind, metrics: numericMetrics(row.metrics) };
}

/** A cluster's promotes, switchovers, drills and rejoins, newest first, with their measured figures. */
export async function listFailoverRuns(clusterId: number, take = 50): Promise<FailoverRun[]> {
  const rows = await (await db()).operation.findMany({
    where: { clusterId, kind: { in: [...FAILOVER_KIND_NAMES] } },
    orderBy: { id: 'desc' },
    take,
    select: { id: true, kind: true, status: true, requestedBy: true, reason: true, outcome: true, createdAt: true, finishedAt: true, metrics: true },
  });
  return rows.map((row) => {
    const metrics = numericMetrics(row.metrics);
    return { ...row, createdAt: row.createdAt.toISOString(), finishedAt: row.finishedAt?.toISOString() ?? null, metrics };
  });
}
