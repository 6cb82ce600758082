import { stampedHeaders } from './stamped-request';

/**
 * Stand-ins for `next/headers`, `next/cache` and `next/navigation` when a test calls server
 * actions outside a request: `vi.mock('next/headers', () => import('@/lib/testing/next-request-mock'))`.
 * The client address is 203.0.113.7, stamped as the connection's peer the way the server
 * stamps real requests; `redirect` throws like Next.js does, with the target in `to`.
 */
export const headers = async (): Promise<Headers> => stampedHeaders('203.0.113.7');

export const cookies = async () => ({ get: () => undefined, getAll: () => [], set: () => undefined, has: () => false, delete: () => undefined });

export const revalidatePath = (): void => undefined;

export function redirect(to: string): never {
  throw Object.assign(new Error('NEXT_REDIRECT'), { to });
}
