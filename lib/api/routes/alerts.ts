import 'server-only';
import { acknowledgeAlert } from '@/lib/alerts/acknowledge';
import { findAlertEvent, listAlertEvents } from '@/lib/db/alerts-events';
import { defineRoute } from '../define-route';
import { problem } from '../problem';
import { acknowledgeBody, alertListSchema, alertSchema, alertsQuery, alertView } from '../schemas/alerts';
import { idParams } from '../schemas/common';
import { COMMON_PROBLEMS, CONFLICT, FORBIDDEN, INVALID, NOT_FOUND } from './responses';

export const listAlertsRoute = defineRoute(
  {
    method: 'GET', path: '/alerts', tag: 'alerts', summary: 'Open alerts, critical first, oldest first', permission: 'read', audit: 'api.alerts.read', query: alertsQuery,
    responses: { 200: { description: 'The open alerts', schema: alertListSchema }, ...COMMON_PROBLEMS, ...INVALID },
  },
  async ({ query }) => ({ status: 200, body: { alerts: (await listAlertEvents({ clusterId: query.cluster, resolvedLimit: 0 })).open.map(alertView) } }),
);

export const acknowledgeAlertRoute = defineRoute(
  {
    method: 'POST', path: '/alerts/{id}/acknowledge', tag: 'alerts', summary: 'Acknowledge an alert with a comment (audited; webhooks are told)', permission: 'operations.run', audit: 'alert.acknowledge', params: idParams, body: acknowledgeBody,
    responses: { 200: { description: 'The alert, acknowledged', schema: alertSchema }, ...COMMON_PROBLEMS, ...FORBIDDEN, ...NOT_FOUND, ...INVALID, 409: { ...CONFLICT[409], description: 'The alert was acknowledged already' } },
  },
  async ({ params, body, caller }) => {
    const outcome = await acknowledgeAlert(params.id, body.comment, caller.actor);
    if (!outcome.ok) return problem(outcome.refused === 'gone' ? 404 : 409, outcome.message);
    const acked = await findAlertEvent(params.id);
    return acked ? { status: 200, body: alertView(acked) } : problem(404, 'That alert no longer exists.');
  },
);
