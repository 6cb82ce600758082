import { readLagPointsAfter } from '@/lib/db/lag-read';
import { lagEventStream, tickPoints } from '@/lib/lag/lag-stream';
import { onClusterTick } from '@/lib/monitor/tick-bus';
import { EVENT_STREAM_HEADERS } from '@/lib/server/event-stream';
import { clusterStream, recentTime } from '../../../read-guard';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const MAX_CATCH_UP_MS = 10 * 60_000;

const startAfter = (request: Request): number =>
  recentTime(request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('after'), MAX_CATCH_UP_MS);

/**
 * Server-sent events with each new replica sample of the cluster (`event: samples`, data: the
 * points as JSON), from the tick bus, or from the database when this instance does not poll.
 * Starts after `?after=` (epoch ms) or the Last-Event-ID of a reconnect; ends when the client
 * goes, or with `event: closed` once the reader's session no longer allows it.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const guard = await clusterStream(request, params);
  if ('refusal' in guard) return guard.refusal;
  const { clusterId, lease } = guard;
  const stream = lagEventStream(
    {
      subscribe: (listener) => onClusterTick((tick) => {
        if (tick.clusterId === clusterId) listener(tickPoints(tick));
      }),
      readAfter: (after) => readLagPointsAfter(clusterId, new Date(after)),
      now: Date.now,
    },
    { after: startAfter(request), signal: request.signal, lease },
  );
  return new Response(stream, { headers: EVENT_STREAM_HEADERS });
}
