import { NextResponse } from 'next/server';
import { database } from '@/lib/db/client';

export const dynamic = 'force-dynamic';

/**
 * Liveness for container health checks. Deliberately public, so it says nothing but
 * whether Tandem can reach its own database.
 */
export async function GET() {
  try {
    await (await database()).driver.sql.query('SELECT 1');
    return NextResponse.json({ ok: true });
  } catch (error) {
    console.error('[tandem] health check failed', error);
    return NextResponse.json({ ok: false }, { status: 503 });
  }
}
