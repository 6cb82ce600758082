import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { db } from '@/lib/db/client';

export const METRICS_TOKEN_SETTING = 'metrics.tokenHash';

interface StoredToken {
  hash: string;
  createdAt: string;
}

function parse(value: Prisma.JsonValue | undefined): StoredToken | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const { hash, createdAt } = value as Record<string, unknown>;
  return typeof hash === 'string' && typeof createdAt === 'string' ? { hash, createdAt } : null;
}

/** The stored hash of the scrape token, or null when none was generated (the endpoint then refuses everyone). */
export async function readMetricsTokenHash(): Promise<string | null> {
  const row = await (await db()).setting.findUnique({ where: { key: METRICS_TOKEN_SETTING }, select: { value: true } });
  return parse(row?.value)?.hash ?? null;
}

/** When the current token was generated, for the Settings page. */
export async function metricsTokenCreatedAt(): Promise<Date | null> {
  const row = await (await db()).setting.findUnique({ where: { key: METRICS_TOKEN_SETTING }, select: { value: true } });
  const stored = parse(row?.value);
  return stored ? new Date(stored.createdAt) : null;
}

type SettingTx = Pick<Prisma.TransactionClient, 'setting'>;

/** Replaces the token's hash; the old token stops working at once. */
export async function storeMetricsTokenHash(tx: SettingTx, hash: string, at: Date): Promise<void> {
  const value = { hash, createdAt: at.toISOString() };
  await tx.setting.upsert({ where: { key: METRICS_TOKEN_SETTING }, create: { key: METRICS_TOKEN_SETTING, value }, update: { value }, select: { key: true } });
}

export async function deleteMetricsToken(tx: SettingTx): Promise<void> {
  await tx.setting.deleteMany({ where: { key: METRICS_TOKEN_SETTING } });
}
