import 'server-only';
import { db } from '@/lib/db/client';

const FREE_FAILURES = 3;
const MAX_DELAY_SECONDS = 15 * 60;
const FORGET_AFTER_MS = 60 * 60 * 1000;

/** Seconds a key stays blocked after its `failures`-th consecutive failure. */
export function blockSeconds(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(2 ** (failures - FREE_FAILURES + 1), MAX_DELAY_SECONDS);
}

export const throttleKeys = (email: string, address: string | null) => [
  `email:${email.trim().toLowerCase()}`,
  ...(address ? [`ip:${address}`] : []),
];

/** Seconds until any of `keys` may try again (0 when none is blocked). */
export async function secondsBlocked(keys: string[], now = new Date()): Promise<number> {
  const rows = await (await db()).signInThrottle.findMany({ where: { key: { in: keys } }, select: { blockedUntil: true } });
  const waits = rows.map((row) => (row.blockedUntil ? Math.ceil((row.blockedUntil.getTime() - now.getTime()) / 1000) : 0));
  return Math.max(0, ...waits);
}

/** Counts one failure for each key; failures older than an hour are forgotten. */
export async function recordFailure(keys: string[], now = new Date()): Promise<void> {
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    for (const key of keys) {
      const row = await tx.signInThrottle.findUnique({ where: { key }, select: { failures: true, lastFailureAt: true } });
      const stale = !row || now.getTime() - row.lastFailureAt.getTime() > FORGET_AFTER_MS;
      const failures = stale ? 1 : row.failures + 1;
      const seconds = blockSeconds(failures);
      const data = { failures, lastFailureAt: now, blockedUntil: seconds ? new Date(now.getTime() + seconds * 1000) : null };
      await tx.signInThrottle.upsert({ where: { key }, create: { key, ...data }, update: data });
    }
  });
}

/** A successful sign-in clears the account's counter (not the address's). */
export async function clearFailures(email: string): Promise<void> {
  await (await db()).signInThrottle.deleteMany({ where: { key: `email:${email.trim().toLowerCase()}` } });
}
