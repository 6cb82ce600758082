import { onAlertChange } from '@/lib/alerts/alert-bus';
import { clusterChangeStream } from '@/lib/clusters/cluster-change-stream';
import { readAlertStamp } from '@/lib/db/alerts-events';
import { onClusterTick } from '@/lib/monitor/tick-bus';
import { EVENT_STREAM_HEADERS } from '@/lib/server/event-stream';
import { clusterStream, recentTime } from '../../read-guard';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const MAX_SINCE_AGE_MS = 10 * 60_000;

/**
 * Server-sent events telling an open cluster page that its alerts (`{"what":"alerts"}`) or its
 * topology and incident banner (`{"what":"topology"}`) changed, so it re-renders; alert changes
 * after `?since=` (epoch ms, the page's render time) count. Ends when the client goes, or with
 * `event: closed` once the reader's session no longer allows it.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const guard = await clusterStream(request, params);
  if ('refusal' in guard) return guard.refusal;
  const { clusterId, lease } = guard;
  const stream = clusterChangeStream(
    {
      subscribeTicks: (listener) => onClusterTick((tick) => {
        if (tick.clusterId === clusterId) listener(tick);
      }),
      subscribeAlerts: (listener) => onAlertChange((changed) => {
        if (changed === clusterId) listener();
      }),
      readAlertStamp: () => readAlertStamp(clusterId),
      now: Date.now,
    },
    { since: recentTime(new URL(request.url).searchParams.get('since'), MAX_SINCE_AGE_MS), signal: request.signal, lease },
  );
  return new Response(stream, { headers: EVENT_STREAM_HEADERS });
}
