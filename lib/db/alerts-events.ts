import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { db } from './client';

const eventSelect = {
  id: true,
  clusterId: true,
  cluster: { select: { name: true } },
  metric: true,
  severity: true,
  subject: true,
  summary: true,
  openedAt: true,
  resolvedAt: true,
  acknowledgedAt: true,
  acknowledgedBy: true,
  ackComment: true,
} satisfies Prisma.AlertEventSelect;

export type AlertEventRow = Prisma.AlertEventGetPayload<{ select: typeof eventSelect }>;

/**
 * Alert events for the list: every open one (critical first, oldest first), then the most
 * recently resolved ones. Without `clusterId`, across the fleet.
 */
export async function listAlertEvents(options: { clusterId?: number; resolvedLimit?: number } = {}): Promise<{ open: AlertEventRow[]; resolved: AlertEventRow[] }> {
  const prisma = await db();
  const where = options.clusterId === undefined ? {} : { clusterId: options.clusterId };
  const [open, resolved] = await Promise.all([
    prisma.alertEvent.findMany({ where: { ...where, resolvedAt: null }, select: eventSelect, orderBy: [{ severity: 'desc' }, { openedAt: 'asc' }] }),
    prisma.alertEvent.findMany({ where: { ...where, resolvedAt: { not: null } }, select: eventSelect, orderBy: { resolvedAt: 'desc' }, take: options.resolvedLimit ?? 20 }),
  ]);
  return { open, resolved };
}

export async function findAlertEvent(id: number): Promise<AlertEventRow | null> {
  return (await db()).alertEvent.findUnique({ where: { id }, select: eventSelect });
}

/** Alert events opened, resolved or acknowledged since `since`, oldest first; optionally one cluster's. */
export async function listAlertChanges(since: Date, filter: { clusterId?: number } = {}): Promise<AlertEventRow[]> {
  return (await db()).alertEvent.findMany({
    where: { ...(filter.clusterId === undefined ? {} : { clusterId: filter.clusterId }), OR: [{ openedAt: { gte: since } }, { resolvedAt: { gte: since } }, { acknowledgedAt: { gte: since } }] },
    select: eventSelect,
    orderBy: { id: 'asc' },
    take: 500,
  });
}

/** Open alerts per cluster and severity (for the fleet overview and the metrics export). */
export async function countOpenAlerts(): Promise<{ clusterId: number; severity: 'warning' | 'critical'; count: number }[]> {
  const groups = await (await db()).alertEvent.groupBy({ by: ['clusterId', 'severity'], where: { resolvedAt: null }, _count: { _all: true } });
  return groups.map((group) => ({ clusterId: group.clusterId, severity: group.severity, count: group._count._all }));
}

type AckTx = Pick<Prisma.TransactionClient, 'alertEvent'>;

/** Why an acknowledgement was refused: the event is `gone` or was `acknowledged` already, and the sentence to show. */
export interface AckRefusal {
  readonly refused: 'gone' | 'acknowledged';
  readonly message: string;
}

/** Records an acknowledgement; refuses when the event is gone or already acknowledged. */
export async function acknowledgeAlertEvent(
  tx: AckTx,
  id: number,
  by: string,
  comment: string,
): Promise<{ summary: string; severity: 'warning' | 'critical'; openedAt: Date; clusterId: number; clusterName: string } | AckRefusal> {
  const event = await tx.alertEvent.findUnique({
    where: { id },
    select: { summary: true, severity: true, openedAt: true, clusterId: true, acknowledgedAt: true, acknowledgedBy: true, cluster: { select: { name: true } } },
  });
  if (!event) return { refused: 'gone', message: 'That alert no longer exists.' };
  if (event.acknowledgedAt) return { refused: 'acknowledged', message: `This alert was already acknowledged by ${event.acknowledgedBy ?? 'someone'}.` };
  await tx.alertEvent.update({ where: { id }, data: { acknowledgedAt: new Date(), acknowledgedBy: by, ackComment: comment }, select: { id: true } });
  return { summary: event.summary, severity: event.severity, openedAt: event.openedAt, clusterId: event.clusterId, clusterName: event.cluster.name };
}

/**
 * When the cluster's alerts last changed (epoch ms of the newest opening or resolution), null
 * without any: an open cluster page served by an instance that does not poll compares it
 * to notice a new alert.
 */
export async function readAlertStamp(clusterId: number): Promise<number | null> {
  const { _max: newest } = await (await db()).alertEvent.aggregate({ where: { clusterId }, _max: { openedAt: true, resolvedAt: true } });
  const times = [newest.openedAt, newest.resolvedAt].flatMap((at) => (at ? [at.getTime()] : []));
  return times.length ? Math.max(...times) : null;
}
