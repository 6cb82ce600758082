import 'server-only';
import { FAILOVER_KIND_NAMES } from '@/lib/operations/kind-names';
import { db } from './client';
import { listOperationRuns, numericMetrics, type OperationRun } from './operation-runs';

export type FailoverRun = OperationRun;

/** One failover operation's measured figures, or null when the operation is of another kind. */
export async function readFailoverMetrics(operationId: number): Promise<{ kind: string; metrics: Record<string, number> } | null> {
  const row = await (await db()).operation.findUnique({ where: { id: operationId }, select: { kind: true, metrics: true } });
  if (!row || !(FAILOVER_KIND_NAMES as readonly string[]).includes(row.kind)) return null;
  return { kind: row.kind, metrics: numericMetrics(row.metrics) };
}

/** A cluster's promotes, switchovers, drills and rejoins, newest first, with their measured figures. */
export async function listFailoverRuns(clusterId: number, take = 50): Promise<FailoverRun[]> {
  return listOperationRuns(clusterId, FAILOVER_KIND_NAMES, take);
}
