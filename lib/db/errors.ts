import { Prisma } from '@/generated/prisma/client';

/** True when a write failed on a unique constraint (someone else created the row first). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
