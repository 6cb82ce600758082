import type { FailoverEvent } from './plan-types';

/** What a failover tells the outside world (the webhook sender's input shape). */
export interface FailoverNotice {
  readonly event: FailoverEvent['event'];
  readonly cluster: { readonly id: number; readonly name: string };
  readonly summary: string;
}

export type FailoverNotifier = (notice: FailoverNotice) => Promise<void>;

const NOTIFIER_KEY = Symbol.for('tandem.failover.notifier');

/**
 * Wires where promote, switchover and rejoin events go: the integration calls it once at
 * start-up with the webhook sender (`notifyWebhooks`). Until then events are only logged.
 * Kept on globalThis because Next loads modules more than once.
 */
export function setFailoverNotifier(notifier: FailoverNotifier | null): void {
  const holder = globalThis as { [NOTIFIER_KEY]?: FailoverNotifier | null };
  holder[NOTIFIER_KEY] = notifier;
}

/** Logs the event and hands it to the wired notifier, if any. */
export async function notifyFailover(notice: FailoverNotice): Promise<void> {
  console.info(`[tandem] ${notice.event} on cluster ${notice.cluster.name}: ${notice.summary}`);
  const notifier = (globalThis as { [NOTIFIER_KEY]?: FailoverNotifier | null })[NOTIFIER_KEY];
  if (notifier) await notifier(notice);
}
