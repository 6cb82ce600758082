import 'server-only';
import { z } from 'zod';
import { onAlertChange } from '@/lib/alerts/alert-bus';
import { can } from '@/lib/auth/roles';
import { listAlertChanges } from '@/lib/db/alerts-events';
import { readOperationProgress } from '@/lib/db/operations-read';
import { EVENT_STREAM_HEADERS } from '@/lib/server/event-stream';
import { claimStreamSlot, tooManyStreamsMessage } from '@/lib/server/stream-lease';
import { authenticate } from '../authenticate';
import { defineRoute } from '../define-route';
import { apiEventFeed, operationEventSchema, type FeedItem } from '../event-feed';
import { problem } from '../problem';
import { alertSchema, alertView } from '../schemas/alerts';
import { clusterFilter } from '../schemas/common';
import { COMMON_PROBLEMS, INVALID } from './responses';

async function feedItems(since: number, clusterId: number | undefined): Promise<FeedItem[]> {
  const [operations, alerts] = await Promise.all([readOperationProgress(new Date(since), { clusterId }), listAlertChanges(new Date(since), { clusterId })]);
  return [
    ...operations.map((operation): FeedItem => {
      const data = operationEventSchema.parse(operation);
      return { event: 'operation', key: String(operation.id), signature: JSON.stringify(data), data };
    }),
    ...alerts.map((alert): FeedItem => {
      const data = alertSchema.parse(alertView(alert));
      return { event: 'alert', key: String(alert.id), signature: `${data.resolvedAt}|${data.acknowledgedAt}`, data };
    }),
  ];
}

export const eventsRoute = defineRoute(
  {
    method: 'GET', path: '/events', tag: 'events', summary: 'Server-sent events of operation progress and alerts',
    description: '`event: operation` (an OperationEvent: on connect each active operation, then each change of status or step) and `event: alert` (an Alert: opened, acknowledged, resolved). The stream ends with `event: closed` once the token no longer allows it (revoked, expired, its user disabled or demoted).',
    permission: 'read', audit: 'api.events.read', query: z.object({ cluster: clusterFilter }),
    responses: {
      200: { description: 'An event stream', contentType: 'text/event-stream', schema: z.string() },
      ...COMMON_PROBLEMS, ...INVALID,
    },
  },
  async ({ request, caller, query }) => {
    const claim = claimStreamSlot(caller.actor.id, async () => {
      const now = await authenticate(request);
      if (!now.ok) return now.detail;
      return can(now.caller.role, 'read') ? null : `This token's role (${now.caller.role}) no longer allows this stream.`;
    });
    if (!claim.ok) return problem(429, tooManyStreamsMessage(claim.open), { headers: { 'retry-after': '60' } });
    const stream = apiEventFeed(
      { read: (since) => feedItems(since, query.cluster), subscribeAlerts: onAlertChange, now: Date.now },
      { signal: request.signal, lease: claim.lease },
    );
    return new Response(stream, { headers: EVENT_STREAM_HEADERS });
  },
);
