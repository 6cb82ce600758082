import 'server-only';
import { notifyWebhooks } from '@/lib/alerts/notify-webhooks';
import { acknowledgeAlertEvent, type AckRefusal } from '@/lib/db/alerts-events';
import { auditedBy, recordAudit, type AuditActor } from '@/lib/db/audit';
import { db } from '@/lib/db/client';

export type AcknowledgeOutcome = { readonly ok: true } | ({ readonly ok: false } & AckRefusal);

/**
 * An operator acknowledges an alert with a comment ("looking at it", "planned maintenance"):
 * recorded with the audit event in one transaction, then webhooks are told (`alert.acknowledged`).
 * Refused, with the reason, when the alert is gone or was already acknowledged.
 */
export async function acknowledgeAlert(eventId: number, comment: string, actor: AuditActor): Promise<AcknowledgeOutcome> {
  const acked = await (await db()).$transaction(async (tx) => {
    const outcome = await acknowledgeAlertEvent(tx, eventId, actor.email, comment);
    if ('refused' in outcome) return outcome;
    await recordAudit(
      {
        ...auditedBy(actor),
        action: 'alert.acknowledge',
        summary: `Acknowledged "${outcome.summary}" on ${outcome.clusterName}: ${comment}`,
        targetType: 'alert',
        targetId: eventId,
        targetName: outcome.clusterName,
      },
      tx,
    );
    return outcome;
  });
  if ('refused' in acked) return { ok: false, ...acked };
  notifyWebhooks({
    event: 'alert.acknowledged',
    severity: acked.severity,
    cluster: { id: acked.clusterId, name: acked.clusterName },
    summary: `${actor.email} acknowledged "${acked.summary}": ${comment}`,
    openedAt: acked.openedAt,
    alertEventId: eventId,
  });
  return { ok: true };
}
