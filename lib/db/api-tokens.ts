import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import type { Role } from '@/lib/auth/roles';
import { db } from './client';

/** How often a token's last use is written at most: a busy script costs one write a minute, not one per call. */
const LAST_USED_EVERY_MS = 60_000;

type TokenTx = Pick<Prisma.TransactionClient, 'apiToken'>;

export interface NewApiTokenRow {
  readonly userId: string;
  readonly name: string;
  readonly role: Role;
  readonly lookupId: string;
  readonly secretHash: string;
  readonly expiresAt: Date;
}

/** Stores a token's hash (never the token); the caller has checked the name is free and the role allowed. */
export async function insertApiToken(tx: TokenTx, row: NewApiTokenRow): Promise<number> {
  return (await tx.apiToken.create({ data: row, select: { id: true } })).id;
}

export async function apiTokenNameTaken(userId: string, name: string): Promise<boolean> {
  return (await (await db()).apiToken.count({ where: { userId, name } })) > 0;
}

/** What the settings page shows of a token: never its hash. */
const tokenViewSelect = {
  id: true, name: true, role: true, lookupId: true, createdAt: true, expiresAt: true, revokedAt: true, lastUsedAt: true, user: { select: { email: true } },
} satisfies Prisma.ApiTokenSelect;

export type ApiTokenView = Prisma.ApiTokenGetPayload<{ select: typeof tokenViewSelect }>;

/** Newest first: one user's tokens, or everyone's (for an admin) without `userId`. */
export async function listApiTokens(filter: { userId?: string } = {}): Promise<ApiTokenView[]> {
  return (await db()).apiToken.findMany({ where: filter.userId === undefined ? {} : { userId: filter.userId }, select: tokenViewSelect, orderBy: { id: 'desc' } });
}

/**
 * Revokes a token not yet revoked, when `owner` holds it (null: any user's, for an admin). Returns
 * the token's name and its user's e-mail, or null when there is no such live token for `owner`.
 */
export async function revokeApiTokenRow(tx: TokenTx, id: number, owner: string | null, at: Date): Promise<{ name: string; email: string } | null> {
  const where = { id, revokedAt: null, ...(owner === null ? {} : { userId: owner }) };
  const token = await tx.apiToken.findFirst({ where, select: { name: true, user: { select: { email: true } } } });
  if (!token) return null;
  const { count } = await tx.apiToken.updateMany({ where, data: { revokedAt: at } });
  return count === 1 ? { name: token.name, email: token.user.email } : null;
}

/** A token's row and its user as they are now, by the token's public part; the caller compares the secret. */
export async function findApiToken(lookupId: string) {
  return (await db()).apiToken.findUnique({
    where: { lookupId },
    select: { id: true, name: true, role: true, secretHash: true, expiresAt: true, revokedAt: true, lastUsedAt: true, user: { select: { id: true, email: true, name: true, role: true, disabledAt: true } } },
  });
}

export type StoredApiToken = NonNullable<Awaited<ReturnType<typeof findApiToken>>>;

/** Records a use of the token, unless one was recorded in the last minute (the condition is in the update, so parallel calls write once). */
export async function recordApiTokenUse(id: number, lastUsedAt: Date | null, now: Date): Promise<void> {
  if (lastUsedAt && now.getTime() - lastUsedAt.getTime() < LAST_USED_EVERY_MS) return;
  await (await db()).apiToken.updateMany({
    where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_EVERY_MS) } }] },
    data: { lastUsedAt: now },
  });
}
