'use server';

import { revalidatePath } from 'next/cache';
import { notifyWebhooks } from '@/lib/alerts/notify-webhooks';
import { acknowledgeSchema } from '@/lib/alerts/rule-schema';
import { acknowledgeAlertEvent } from '@/lib/db/alerts-events';
import { recordAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { failure, formFields, invalid, postedForm, success, type ActionResult } from './action-result';
import { authorize } from './authorize';

/** Operators acknowledge an alert with a comment ("looking at it", "planned maintenance"); audited, and webhooks are told (`alert.acknowledged`). */
export async function acknowledgeAlert(_previous: ActionResult | null, form: unknown): Promise<ActionResult> {
  const actor = await authorize('operations.run', 'alert.acknowledge');
  if (!actor.ok) return actor;
  const posted = postedForm(form);
  if (!posted.ok) return posted;
  const parsed = acknowledgeSchema.safeParse(formFields(posted.data));
  if (!parsed.success) return invalid(parsed.error);
  const { eventId, comment } = parsed.data;
  const outcome = await (await db()).$transaction(async (tx): Promise<ActionResult<Exclude<Awaited<ReturnType<typeof acknowledgeAlertEvent>>, string>>> => {
    const acked = await acknowledgeAlertEvent(tx, eventId, actor.user.email, comment);
    if (typeof acked === 'string') return failure(acked);
    await recordAudit(
      {
        actorId: actor.user.id,
        actorEmail: actor.user.email,
        action: 'alert.acknowledge',
        summary: `Acknowledged "${acked.summary}" on ${acked.clusterName}: ${comment}`,
        targetType: 'alert',
        targetId: eventId,
        targetName: acked.clusterName,
        clientAddress: actor.clientAddress,
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
    summary: `${actor.user.email} acknowledged "${acked.summary}": ${comment}`,
    openedAt: acked.openedAt,
    alertEventId: eventId,
  });
  revalidatePath('/', 'layout');
  return success(null);
}
