import 'server-only';
import { effectiveRules } from '@/lib/alerts/default-rules';
import { isAlertMetric, type AlertRuleSpec } from '@/lib/alerts/rules';
import type { Prisma } from '@/generated/prisma/client';
import { db } from './client';

/** A cluster's stored rules merged over the defaults (every cluster has the full set). */
export async function loadAlertRules(clusterId: number): Promise<AlertRuleSpec[]> {
  const stored = await (await db()).alertRule.findMany({
    where: { clusterId },
    select: { metric: true, severity: true, threshold: true, forSeconds: true, enabled: true },
  });
  return effectiveRules(stored.flatMap((rule) => (isAlertMetric(rule.metric) ? [{ ...rule, metric: rule.metric }] : [])));
}

type RuleTx = Pick<Prisma.TransactionClient, 'alertRule'>;

/** Stores one rule of a cluster, replacing its default or its previous version. */
export async function saveAlertRule(clusterId: number, rule: AlertRuleSpec, tx?: RuleTx): Promise<void> {
  const client = tx ?? (await db());
  const data = { threshold: rule.threshold, forSeconds: rule.forSeconds, enabled: rule.enabled };
  await client.alertRule.upsert({
    where: { clusterId_metric_severity: { clusterId, metric: rule.metric, severity: rule.severity } },
    create: { clusterId, metric: rule.metric, severity: rule.severity, ...data },
    update: data,
    select: { id: true },
  });
}

const openEventSelect = { id: true, clusterId: true, key: true, metric: true, severity: true, hostId: true, subject: true, summary: true, openedAt: true } satisfies Prisma.AlertEventSelect;
export type OpenAlertRow = Prisma.AlertEventGetPayload<{ select: typeof openEventSelect }>;

/** A cluster's open alert events, to restore the evaluator's state (after a restart or a poller takeover). */
export async function listOpenAlertEvents(clusterId: number): Promise<OpenAlertRow[]> {
  return (await db()).alertEvent.findMany({ where: { clusterId, resolvedAt: null }, select: openEventSelect, orderBy: { id: 'asc' } });
}

export interface OpenAlertInput {
  clusterId: number;
  key: string;
  metric: string;
  severity: 'warning' | 'critical';
  hostId: number | null;
  subject: string;
  summary: string;
  openedAt: Date;
}

/** Opens an event for a condition, or returns the one already open for its key (one open event per key). */
export async function openAlertEvent(input: OpenAlertInput): Promise<{ id: number; created: boolean }> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const existing = await tx.alertEvent.findFirst({ where: { clusterId: input.clusterId, key: input.key, resolvedAt: null }, select: { id: true } });
    if (existing) return { id: existing.id, created: false };
    const created = await tx.alertEvent.create({ data: input, select: { id: true } });
    return { id: created.id, created: true };
  });
}

/** Marks a condition's open event resolved; returns it (null when none was open). */
export async function resolveAlertEvent(clusterId: number, key: string, resolvedAt: Date): Promise<{ id: number; openedAt: Date; summary: string; severity: 'warning' | 'critical' } | null> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const open = await tx.alertEvent.findFirst({ where: { clusterId, key, resolvedAt: null }, select: { id: true, openedAt: true, summary: true, severity: true } });
    if (!open) return null;
    await tx.alertEvent.update({ where: { id: open.id }, data: { resolvedAt }, select: { id: true } });
    return open;
  });
}
