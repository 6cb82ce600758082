'use server';

import { revalidatePath } from 'next/cache';
import { sendTestNotification } from '@/lib/alerts/notify-webhooks';
import { webhookIdSchema } from '@/lib/alerts/rule-schema';
import { recordAudit } from '@/lib/db/audit';
import { asSentence } from '@/lib/format/sentence';
import { failure, formFields, invalid, postedForm, success, type ActionResult } from './action-result';
import { authorize } from './authorize';

/** Admins send one test message to a webhook and see at once whether it was accepted (one attempt, logged). */
export async function testWebhook(_previous: ActionResult<string> | null, form: unknown): Promise<ActionResult<string>> {
  const actor = await authorize('settings.manage', 'webhook.test');
  if (!actor.ok) return actor;
  const posted = postedForm(form);
  if (!posted.ok) return posted;
  const parsed = webhookIdSchema.safeParse(formFields(posted.data));
  if (!parsed.success) return invalid(parsed.error);
  const result = await sendTestNotification(parsed.data.id, actor.user.email);
  if (!result) return failure('That webhook no longer exists.');
  await recordAudit({
    actorId: actor.user.id,
    actorEmail: actor.user.email,
    action: 'webhook.test',
    summary: `Sent a test message to webhook ${parsed.data.id}: ${result.ok ? `accepted (HTTP ${result.httpStatus})` : result.error}`,
    targetType: 'webhook',
    targetId: parsed.data.id,
    outcome: result.ok ? 'ok' : 'failed',
    clientAddress: actor.clientAddress,
  });
  revalidatePath('/settings');
  return result.ok ? success(`Delivered: HTTP ${result.httpStatus} in ${result.durationMs} ms.`) : failure(asSentence(`Not delivered: ${result.error}`));
}
