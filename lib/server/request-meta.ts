import 'server-only';
import { headers } from 'next/headers';

/** The client's address as the server saw it (first X-Forwarded-For hop when a proxy set one). */
export async function clientAddress(): Promise<string | null> {
  const list = await headers();
  const forwarded = list.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || list.get('x-real-ip') || null;
}
