import 'server-only';
import type { Prisma } from '@/generated/prisma/client';

/**
 * The ids of the enabled admins, their rows locked until `tx` ends. Every change that can take
 * away an admin (demotion, disabling) locks them first, so two concurrent changes to the last
 * two admins run one after the other: the second sees the first's result (PostgreSQL re-reads a
 * locked row once it is released) and is refused instead of leaving no admin.
 */
export async function lockEnabledAdmins(tx: Prisma.TransactionClient): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM users WHERE role = 'admin' AND "disabledAt" IS NULL ORDER BY id FOR UPDATE`;
  return rows.map((row) => row.id);
}

/** Whether taking `userId` out of `enabledAdmins` (from `lockEnabledAdmins`) would leave Tandem with none. */
export function isLastEnabledAdmin(enabledAdmins: readonly string[], userId: string): boolean {
  return enabledAdmins.length === 1 && enabledAdmins[0] === userId;
}

export const LAST_ADMIN_MESSAGE = 'Tandem needs at least one enabled admin: make someone else admin first.';
