'use server';

import { revalidatePath } from 'next/cache';
import { notifyWebhooks } from '@/lib/alerts/notify-webhooks';
import { acknowledgeSchema } from '@/lib/alerts/rule-schema';
import { acknowledgeAlertEvent } from '@/lib/db/alerts-events';
import { recordAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { failure, success, type ActionResult } from './action-result';
import { auditedBy, defineAction } from './define-action';

/** Operators acknowledge an alert with a comment ("looking at it", "planned maintenance"); audited, and webhooks are told (`alert.acknowledged`). */
export const acknowledgeAlert = defineAction({ permission: 'operations.run', audit: 'alert.acknowledge', schema: acknowledgeSchema }, async ({ eventId, comment }, actor) => {
  const outcome = await (await db()).$transaction(async (tx): Promise<ActionResult<Exclude<Awaited<ReturnType<typeof acknowledgeAlertEvent>>, string>>> => {
    const acked = await acknowledgeAlertEvent(tx, eventId, actor.email, comment);
    if (typeof acked === 'string') return failure(acked);
    await recordAudit(
      {
        ...auditedBy(actor),
        action: 'alert.acknowledge',
        summary: `Acknowledged "${acked.summary}" on ${acked.clusterName}: ${comment}`,
        targetType: 'alert',
        targetId: eventId,
        targetName: acked.clusterName,
      },
      tx,
    );
    return success(acked);
  });
  if (!outcome.ok) return failure(outcome.message, outcome.fieldErrors);
  const { data: acked } = outcome;
  notifyWebhooks({
    event: 'alert.acknowledged',
    severity: acked.severity,
    cluster: { id: acked.clusterId, name: acked.clusterName },
    summary: `${actor.email} acknowledged "${acked.summary}": ${comment}`,
    openedAt: acked.openedAt,
    alertEventId: eventId,
  });
  revalidatePath('/', 'layout');
  return success(null);
});
