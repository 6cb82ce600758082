/**
 * What Tandem tells webhooks: alert transitions, and operation outcomes such as
 * `promote.succeeded` that other parts send through `notifyWebhooks`.
 */
export interface Notification {
  /** `alert.opened`, `alert.resolved`, `webhook.test`, or an operation event such as `promote.succeeded`. */
  readonly event: string;
  /** Alert events carry their rule's severity; operation events default to `info`. */
  readonly severity?: 'info' | 'warning' | 'critical';
  readonly cluster: { readonly id: number; readonly name: string } | null;
  readonly summary: string;
  readonly openedAt?: Date | null;
  readonly resolvedAt?: Date | null;
  readonly alertEventId?: number | null;
}

export const isAlertEvent = (event: string): boolean => event.startsWith('alert.');

/**
 * Whether a webhook with `minSeverity` wants this notification: alert events at or above
 * its severity; other events (operations, tests) always.
 */
export function wants(minSeverity: 'warning' | 'critical', notification: Notification): boolean {
  if (!isAlertEvent(notification.event)) return true;
  return minSeverity === 'warning' || notification.severity === 'critical';
}

/**
 * Whether `later` makes `earlier` not worth sending any more: an alert's resolution makes its
 * opening (and acknowledgement) old news, so a receiver still catching up gets the outcome
 * instead of a stale page that someone has to close by hand.
 */
export function supersedes(later: Notification, earlier: Notification): boolean {
  if (later.event !== 'alert.resolved' || later.alertEventId == null) return false;
  return earlier.alertEventId === later.alertEventId && (earlier.event === 'alert.opened' || earlier.event === 'alert.acknowledged');
}

type Severity = NonNullable<Notification['severity']>;

const severityOf = (notification: Notification): Severity => notification.severity ?? 'info';

const ICON: Record<Severity, string> = { info: 'ℹ️', warning: '⚠️', critical: '🔴' };

function clusterUrl(baseUrl: string, notification: Notification): string | null {
  return notification.cluster ? new URL(`/clusters/${notification.cluster.id}`, baseUrl).toString() : null;
}

/**
 * Text as Slack shows it literally: `&`, `<` and `>` escaped as Slack's docs require, so a
 * comment or name containing `<!channel>` or `<https://evil|Open in Tandem>` cannot ping a
 * channel or plant a link.
 */
export function slackEscape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function headline(notification: Notification): string {
  const named: Record<string, string> = { 'alert.resolved': 'Resolved', 'alert.acknowledged': 'Acknowledged', 'alert.opened': severityOf(notification).toUpperCase() };
  const state = named[notification.event] ?? notification.event;
  return `${state}${notification.cluster ? ` · ${notification.cluster.name}` : ''}`;
}

/** Slack-compatible body: `text` for notifications and clients without blocks, `blocks` for the message. */
export function slackPayload(notification: Notification, baseUrl: string): Record<string, unknown> {
  const icon = notification.event === 'alert.resolved' ? '✅' : notification.event === 'alert.acknowledged' ? '👀' : ICON[severityOf(notification)];
  const title = slackEscape(headline(notification));
  const summary = slackEscape(notification.summary);
  const text = `${icon} ${title}: ${summary}`;
  const url = clusterUrl(baseUrl, notification);
  const context = [
    notification.openedAt ? `opened ${notification.openedAt.toISOString()}` : null,
    notification.resolvedAt ? `resolved ${notification.resolvedAt.toISOString()}` : null,
    url ? `<${url}|Open in Tandem>` : null,
  ].filter((part): part is string => part !== null);
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${icon} ${title}*\n${summary}` } },
      ...(context.length > 0 ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: context.join(' · ') }] }] : []),
    ],
  };
}

/** Generic JSON body, stable field names for scripts and other chat tools. */
export function genericPayload(notification: Notification, baseUrl: string): Record<string, unknown> {
  return {
    event: notification.event,
    severity: severityOf(notification),
    cluster: notification.cluster?.name ?? null,
    summary: notification.summary,
    openedAt: notification.openedAt?.toISOString() ?? null,
    resolvedAt: notification.resolvedAt?.toISOString() ?? null,
    url: clusterUrl(baseUrl, notification),
  };
}

export function webhookBody(format: 'slack' | 'generic', notification: Notification, baseUrl: string): string {
  return JSON.stringify(format === 'slack' ? slackPayload(notification, baseUrl) : genericPayload(notification, baseUrl));
}
