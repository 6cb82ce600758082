import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import type { OperationKindName } from '@/lib/operations/kind-names';
import { db } from './client';

/** One operation as a history lists it: who, why, when, how it ended, and its measured figures. */
export interface OperationRun {
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

/** The numbers of an operation's stored metrics; anything else stored there is left out. */
export function numericMetrics(value: Prisma.JsonValue): Record<string, number> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
}

/** A cluster's operations of `kinds`, newest first, with their measured figures. */
export async function listOperationRuns(clusterId: number, kinds: readonly OperationKindName[], take = 50): Promise<OperationRun[]> {
  const rows = await (await db()).operation.findMany({
    where: { clusterId, kind: { in: [...kinds] } },
    orderBy: { id: 'desc' },
    take,
    select: { id: true, kind: true, status: true, requestedBy: true, reason: true, outcome: true, createdAt: true, finishedAt: true, metrics: true },
  });
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString(), finishedAt: row.finishedAt?.toISOString() ?? null, metrics: numericMetrics(row.metrics) }));
}
