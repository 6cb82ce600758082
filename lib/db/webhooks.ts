import 'server-only';
import { z } from 'zod';
import type { Prisma } from '@/generated/prisma/client';
import { allowEntrySchema, allowListFrom, type AllowList } from '@/lib/alerts/webhook-address';
import { db } from './client';
import { seal, unseal } from './secrets';

export type WebhookFormat = 'slack' | 'generic';
export type Severity = 'warning' | 'critical';

export interface WebhookTarget {
  id: number;
  name: string;
  url: string;
  format: WebhookFormat;
  minSeverity: Severity;
}

/** Enabled webhooks with their URL unsealed, for the delivery queue only. */
export async function loadWebhookTargets(ids?: readonly number[]): Promise<WebhookTarget[]> {
  const rows = await (await db()).webhook.findMany({
    where: ids ? { id: { in: [...ids] } } : { enabled: true },
    select: { id: true, name: true, urlSecret: true, format: true, minSeverity: true },
    orderBy: { id: 'asc' },
  });
  return Promise.all(rows.map(async ({ urlSecret, ...row }) => ({ ...row, url: await unseal('webhook.urlSecret', urlSecret) })));
}

export interface WebhookView {
  id: number;
  name: string;
  /** Only the host of the URL: the path often carries the token. */
  host: string;
  format: WebhookFormat;
  minSeverity: Severity;
  enabled: boolean;
  createdAt: Date;
}

export async function listWebhooks(): Promise<WebhookView[]> {
  const rows = await (await db()).webhook.findMany({
    select: { id: true, name: true, urlSecret: true, format: true, minSeverity: true, enabled: true, createdAt: true },
    orderBy: { name: 'asc' },
  });
  return Promise.all(rows.map(async ({ urlSecret, ...row }) => ({ ...row, host: urlHost(await unseal('webhook.urlSecret', urlSecret)) })));
}

export function urlHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(invalid URL)';
  }
}

type WebhookTx = Pick<Prisma.TransactionClient, 'webhook'>;

export async function insertWebhook(tx: WebhookTx, input: { name: string; url: string; format: WebhookFormat; minSeverity: Severity }): Promise<number> {
  const created = await tx.webhook.create({
    data: { name: input.name, urlSecret: await seal('webhook.urlSecret', input.url), format: input.format, minSeverity: input.minSeverity },
    select: { id: true },
  });
  return created.id;
}

/** Changes a webhook; `url: null` keeps the sealed URL as it is. */
export async function updateWebhookRow(tx: WebhookTx, id: number, input: { name: string; url: string | null; format: WebhookFormat; minSeverity: Severity }): Promise<void> {
  await tx.webhook.update({
    where: { id },
    data: { name: input.name, format: input.format, minSeverity: input.minSeverity, ...(input.url === null ? {} : { urlSecret: await seal('webhook.urlSecret', input.url) }) },
    select: { id: true },
  });
}

export async function webhookNameTaken(name: string): Promise<boolean> {
  return (await (await db()).webhook.count({ where: { name } })) > 0;
}

export const WEBHOOK_ALLOW_LIST_SETTING = 'webhooks.allowList';

const storedAllowList = z.object({ entries: z.array(allowEntrySchema) });

type SettingTx = Pick<Prisma.TransactionClient, 'setting'>;

/** The allow-list's entries as an admin saved them; a stored value that does not decode allows nothing. */
export async function readWebhookAllowEntries(tx?: SettingTx): Promise<string[]> {
  const row = await (tx ?? (await db())).setting.findUnique({ where: { key: WEBHOOK_ALLOW_LIST_SETTING }, select: { value: true } });
  const decoded = storedAllowList.safeParse(row?.value);
  return decoded.success ? decoded.data.entries : [];
}

/** The networks and hosts webhooks may reach despite being private, read afresh for every attempt. */
export async function readWebhookAllowList(): Promise<AllowList> {
  return allowListFrom(await readWebhookAllowEntries());
}

/** Replaces the allow-list; `entries` have passed `allowEntrySchema`. */
export async function storeWebhookAllowEntries(tx: SettingTx, entries: readonly string[]): Promise<void> {
  const value = { entries: [...entries] };
  await tx.setting.upsert({ where: { key: WEBHOOK_ALLOW_LIST_SETTING }, create: { key: WEBHOOK_ALLOW_LIST_SETTING, value }, update: { value }, select: { key: true } });
}

export interface DeliveryRecord {
  webhookId: number;
  alertEventId: number | null;
  event: string;
  attempt: number;
  ok: boolean;
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
}

export async function recordWebhookDelivery(record: DeliveryRecord): Promise<void> {
  await (await db()).webhookDelivery.create({ data: record, select: { id: true } });
}

/** Drops delivery attempts older than `before` (the log is for recent troubleshooting, not an archive). */
export async function pruneWebhookDeliveries(before: Date): Promise<number> {
  const { count } = await (await db()).webhookDelivery.deleteMany({ where: { at: { lt: before } } });
  return count;
}

const deliverySelect = {
  id: true,
  at: true,
  event: true,
  attempt: true,
  ok: true,
  httpStatus: true,
  error: true,
  durationMs: true,
  webhook: { select: { name: true } },
} satisfies Prisma.WebhookDeliverySelect;

export type DeliveryRow = Prisma.WebhookDeliveryGetPayload<{ select: typeof deliverySelect }>;

/** The latest delivery attempts, newest first (optionally of one webhook). */
export async function listWebhookDeliveries(options: { webhookId?: number; take?: number } = {}): Promise<DeliveryRow[]> {
  return (await db()).webhookDelivery.findMany({
    where: options.webhookId === undefined ? {} : { webhookId: options.webhookId },
    select: deliverySelect,
    orderBy: { id: 'desc' },
    take: options.take ?? 50,
  });
}
