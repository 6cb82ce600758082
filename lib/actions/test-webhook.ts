'use server';

import { revalidatePath } from 'next/cache';
import { sendTestNotification } from '@/lib/alerts/notify-webhooks';
import { webhookIdSchema } from '@/lib/alerts/rule-schema';
import { recordAudit } from '@/lib/db/audit';
import { asSentence } from '@/lib/format/sentence';
import { failure, success, type ActionResult } from './action-result';
import { auditedBy, defineAction } from './define-action';

/** Admins send one test message to a webhook and see at once whether it was accepted (one attempt, logged). */
export const testWebhook = defineAction({ permission: 'settings.manage', audit: 'webhook.test', schema: webhookIdSchema }, async ({ id }, actor): Promise<ActionResult<string>> => {
  const result = await sendTestNotification(id, actor.email);
  if (!result) return failure('That webhook no longer exists.');
  await recordAudit({
    ...auditedBy(actor),
    action: 'webhook.test',
    summary: `Sent a test message to webhook ${id}: ${result.ok ? `accepted (HTTP ${result.httpStatus})` : result.error}`,
    targetType: 'webhook',
    targetId: id,
    outcome: result.ok ? 'ok' : 'failed',
  });
  revalidatePath('/settings');
  return result.ok ? success(`Delivered: HTTP ${result.httpStatus} in ${result.durationMs} ms.`) : failure(asSentence(`Not delivered: ${result.error}`));
});
