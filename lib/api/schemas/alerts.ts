import { z } from 'zod';
import { acknowledgeSchema } from '@/lib/alerts/rule-schema';
import { clusterFilter, iso, isoTime, nullableTime } from './common';

export const alertSchema = z.object({
  id: z.number().int(),
  clusterId: z.number().int(),
  clusterName: z.string(),
  metric: z.string(),
  severity: z.enum(['warning', 'critical']),
  subject: z.string(),
  summary: z.string(),
  openedAt: isoTime,
  resolvedAt: nullableTime,
  acknowledgedAt: nullableTime,
  acknowledgedBy: z.string().nullable(),
  ackComment: z.string().nullable(),
}).meta({ id: 'Alert' });

export const alertListSchema = z.object({ alerts: z.array(alertSchema) }).meta({ id: 'AlertList' });

export const alertsQuery = z.object({ cluster: clusterFilter });

/** The acknowledgement's body: the comment of the cluster page's form. */
export const acknowledgeBody = acknowledgeSchema.pick({ comment: true }).meta({ id: 'Acknowledgement' });

type AlertRow = { id: number; clusterId: number; cluster: { name: string }; metric: string; severity: 'warning' | 'critical'; subject: string; summary: string; openedAt: Date; resolvedAt: Date | null; acknowledgedAt: Date | null; acknowledgedBy: string | null; ackComment: string | null };

/** A stored alert event as the API sends it. */
export function alertView(row: AlertRow): z.input<typeof alertSchema> {
  const { cluster, openedAt, resolvedAt, acknowledgedAt, ...rest } = row;
  return { ...rest, clusterName: cluster.name, openedAt: openedAt.toISOString(), resolvedAt: iso(resolvedAt), acknowledgedAt: iso(acknowledgedAt) };
}
