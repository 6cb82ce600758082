import { NextResponse } from 'next/server';
import { readLagSeries } from '@/lib/db/lag-read';
import { isLagRange } from '@/lib/lag/types';
import { noStore, readableClusterId } from '../../read-guard';

export const dynamic = 'force-dynamic';

/** One range of a cluster's lag chart (`?range=5m|1h|24h|7d`): points, replicas and operation markers. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const guard = await readableClusterId(params);
  if ('refusal' in guard) return guard.refusal;
  const range = new URL(request.url).searchParams.get('range') ?? '1h';
  if (!isLagRange(range)) return NextResponse.json({ error: 'Unknown range.' }, { status: 400, headers: noStore });
  const series = await readLagSeries(guard.clusterId, range);
  if (!series) return NextResponse.json({ error: 'Unknown cluster.' }, { status: 404, headers: noStore });
  return NextResponse.json(series, { headers: noStore });
}
