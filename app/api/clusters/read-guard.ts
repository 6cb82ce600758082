import { NextResponse } from 'next/server';
import { getCurrentUser, type CurrentUser } from '@/lib/auth/current-user';
import { can } from '@/lib/auth/roles';
import { readLagHosts } from '@/lib/db/lag-read';
import type { StreamLease } from '@/lib/server/event-stream';
import { claimStreamLease, tooManyStreamsMessage } from '@/lib/server/stream-lease';

export const noStore = { 'Cache-Control': 'no-store' };

type Refused = { refusal: NextResponse };

/**
 * The cluster id of a read request by a signed-in user with the read permission, and that
 * user, or the refusal to return. Route handlers are reachable directly, so each one checks this itself.
 */
export async function readableClusterId(params: Promise<{ id: string }>): Promise<{ clusterId: number; user: CurrentUser } | Refused> {
  const user = await getCurrentUser();
  if (!user) return { refusal: NextResponse.json({ error: 'Sign in again.' }, { status: 401, headers: noStore }) };
  if (!can(user.role, 'read')) return { refusal: NextResponse.json({ error: 'Your role cannot read clusters.' }, { status: 403, headers: noStore }) };
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) return { refusal: NextResponse.json({ error: 'Unknown cluster.' }, { status: 404, headers: noStore }) };
  return { clusterId: Number(id), user };
}

/**
 * For an event stream of a known cluster: its id and the stream's lease (re-checked session,
 * one of the user's stream slots; see lib/server/stream-lease.ts), or the refusal: as
 * {@link readableClusterId}, 404 for an unknown cluster, 429 when the user already holds
 * the most streams. The lease must go to the stream, which releases it when it ends.
 */
export async function clusterStream(request: Request, params: Promise<{ id: string }>): Promise<{ clusterId: number; lease: StreamLease } | Refused> {
  const guard = await readableClusterId(params);
  if ('refusal' in guard) return guard;
  if (!(await readLagHosts(guard.clusterId))) return { refusal: NextResponse.json({ error: 'Unknown cluster.' }, { status: 404, headers: noStore }) };
  const claim = claimStreamLease(request.headers, guard.user, 'read');
  if (!claim.ok) return { refusal: NextResponse.json({ error: tooManyStreamsMessage(claim.open), open: claim.open }, { status: 429, headers: noStore }) };
  return { clusterId: guard.clusterId, lease: claim.lease };
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
