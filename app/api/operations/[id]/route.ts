import { NextResponse } from 'next/server';
import { getCurrentUser } from '@/lib/auth/current-user';
import { can } from '@/lib/auth/roles';
import { findOperation, operationReader } from '@/lib/db/operations-read';

export const dynamic = 'force-dynamic';

const noStore = { 'Cache-Control': 'no-store' };

/**
 * Live state of one operation for its page's polling. Reachable directly, so it checks the
 * session itself; the payload has no params and only redacted commands and output, and a
 * restricted step's (routing hooks') commands and output only for an admin.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ error: 'Sign in again.' }, { status: 401, headers: noStore });
  if (!can(user.role, 'read')) return NextResponse.json({ error: 'Your role cannot read operations.' }, { status: 403, headers: noStore });
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) return NextResponse.json({ error: 'Unknown operation.' }, { status: 404, headers: noStore });
  const operation = await findOperation(Number(id), operationReader(user.role));
  if (!operation) return NextResponse.json({ error: 'Unknown operation.' }, { status: 404, headers: noStore });
  return NextResponse.json(operation, { headers: noStore });
}
