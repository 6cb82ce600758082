import 'server-only';
import { notifyWebhooks } from '@/lib/alerts/notify-webhooks';
import type { FailoverEvent } from '@/lib/failover/plan-types';

/** What a failover tells the outside world. */
export interface FailoverNotice {
  readonly event: FailoverEvent['event'];
  readonly cluster: { readonly id: number; readonly name: string };
  readonly summary: string;
}

/**
 * Logs a finished promote, switchover or rejoin and queues it for every enabled webhook as
 * `<kind>.succeeded`; returns at once, so a slow webhook never delays the operation.
 */
export async function notifyFailover(notice: FailoverNotice): Promise<void> {
  console.info(`[tandem] ${notice.event} on cluster ${notice.cluster.name}: ${notice.summary}`);
  notifyWebhooks({ event: `${notice.event}.succeeded`, cluster: notice.cluster, summary: notice.summary });
}
