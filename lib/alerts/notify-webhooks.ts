import 'server-only';
import { loadWebhookTargets } from '@/lib/db/webhooks';
import { enqueueDelivery, track, type AttemptResult } from './delivery-queue';
import { wants, type Notification } from './notification';

export type { Notification } from './notification';

/**
 * Sends a notification to every enabled webhook that wants it (alert events by severity,
 * operation events such as `promote.succeeded` to all). Returns at once: loading the
 * webhooks and every delivery happen in the background queue, never in the caller's time.
 *
 * @example notifyWebhooks({ event: 'promote.succeeded', cluster: { id, name }, summary: 'pg2 promoted in 0.9 s (RPO 0 bytes)' })
 */
export function notifyWebhooks(notification: Notification): void {
  void track(
    loadWebhookTargets()
      .then((targets) => {
        for (const target of targets) if (wants(target.minSeverity, notification)) void enqueueDelivery(target, notification);
      })
      .catch((error: unknown) => console.error('[tandem] could not load webhooks for a notification', error)),
  );
}

/** One attempt of a test message to one webhook (enabled or not), for the "send test" button. */
export async function sendTestNotification(webhookId: number, by: string): Promise<AttemptResult | null> {
  const [target] = await loadWebhookTargets([webhookId]);
  if (!target) return null;
  return enqueueDelivery(target, { event: 'webhook.test', severity: 'info', cluster: null, summary: `Test message from Tandem, sent by ${by}` }, { retry: false });
}
