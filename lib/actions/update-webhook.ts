'use server';

import { revalidatePath } from 'next/cache';
import { webhookEditSchema } from '@/lib/alerts/rule-schema';
import { recordAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { updateWebhookRow, urlHost } from '@/lib/db/webhooks';
import { failure, formFields, invalid, postedForm, success, type ActionResult } from './action-result';
import { authorize } from './authorize';

/** Admins rename a webhook, change its format or severity, or replace its URL (left empty: kept); audited with the host only. */
export async function updateWebhook(_previous: ActionResult | null, form: unknown): Promise<ActionResult> {
  const actor = await authorize('settings.manage', 'webhook.update');
  if (!actor.ok) return actor;
  const posted = postedForm(form);
  if (!posted.ok) return posted;
  const parsed = webhookEditSchema.safeParse(formFields(posted.data));
  if (!parsed.success) return invalid(parsed.error);
  const { id, hookName: name, url, format, minSeverity } = parsed.data;
  const outcome = await (await db()).$transaction(async (tx) => {
    const hook = await tx.webhook.findUnique({ where: { id }, select: { name: true } });
    if (!hook) return failure('That webhook no longer exists.');
    if (name !== hook.name && (await tx.webhook.count({ where: { name } })) > 0) return failure('Some fields need attention.', { hookName: ['A webhook with this name exists'] });
    await updateWebhookRow(tx, id, { name, format, minSeverity, url: url === '' ? null : url });
    await recordAudit(
      {
        actorId: actor.user.id,
        actorEmail: actor.user.email,
        action: 'webhook.update',
        summary: `Changed webhook ${hook.name}${name !== hook.name ? ` (now ${name})` : ''}: ${format}, ${minSeverity} and above${url ? `, new URL on ${urlHost(url)}` : ''}`,
        targetType: 'webhook',
        targetId: id,
        targetName: name,
        clientAddress: actor.clientAddress,
      },
      tx,
    );
    return success(null);
  });
  revalidatePath('/settings');
  return outcome;
}
