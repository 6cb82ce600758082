import { NextResponse } from 'next/server';
import { getCurrentUser } from '@/lib/auth/current-user';
import { can } from '@/lib/auth/roles';

export const noStore = { 'Cache-Control': 'no-store' };

/**
 * The cluster id of a read request by a signed-in user with the read permission, or the
 * refusal to return. Route handlers are reachable directly, so each one checks this itself.
 */
export async function readableClusterId(params: Promise<{ id: string }>): Promise<{ clusterId: number } | { refusal: NextResponse }> {
  const user = await getCurrentUser();
  if (!user) return { refusal: NextResponse.json({ error: 'Sign in again.' }, { status: 401, headers: noStore }) };
  if (!can(user.role, 'read')) return { refusal: NextResponse.json({ error: 'Your role cannot read clusters.' }, { status: 403, headers: noStore }) };
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) return { refusal: NextResponse.json({ error: 'Unknown cluster.' }, { status: 404, headers: noStore }) };
  return { clusterId: Number(id) };
}

/**
 * A client-given time (epoch ms) to resume a stream from, clamped to the last `maxAgeMs` and
 * never after now; now when missing or not a number. Bounds the catch-up one request can ask for.
 */
export function recentTime(asked: string | null, maxAgeMs: number): number {
  const now = Date.now();
  const value = Number(asked ?? now);
  return Number.isFinite(value) ? Math.min(now, Math.max(value, now - maxAgeMs)) : now;
}
