import 'server-only';
import { db } from './client';

export const FAILOVER_KINDS = ['promote', 'switchover', 'drill', 'rejoin'] as const;

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

/** A cluster's promotes, switchovers, drills and rejoins, newest first, with their measured figures. */
export async function listFailoverRuns(clusterId: number, take = 50): Promise<FailoverRun[]> {
  const rows = await (await db()).operation.findMany({
    where: { clusterId, kind: { in: [...FAILOVER_KINDS] } },
    orderBy: { id: 'desc' },
    take,
    select: { id: true, kind: true, status: true, requestedBy: true, reason: true, outcome: true, createdAt: true, finishedAt: true, metrics: true },
  });
  return rows.map((row) => {
    const metrics = typeof row.metrics === 'object' && row.metrics !== null && !Array.isArray(row.metrics)
      ? Object.fromEntries(Object.entries(row.metrics).filter((entry): entry is [string, number] => typeof entry[1] === 'number'))
      : {};
    return { ...row, createdAt: row.createdAt.toISOString(), finishedAt: row.finishedAt?.toISOString() ?? null, metrics };
  });
}
