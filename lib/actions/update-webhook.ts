'use server';

import { revalidatePath } from 'next/cache';
import { webhookEditSchema } from '@/lib/alerts/rule-schema';
import { literalRefusal } from '@/lib/alerts/webhook-address';
import { recordAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { readWebhookAllowList, updateWebhookRow, urlHost } from '@/lib/db/webhooks';
import { failure, success } from './action-result';
import { auditedBy, defineAction } from './define-action';

/** Admins rename a webhook, change its format or severity, or replace its URL (left empty: kept); audited with the host only. */
export const updateWebhook = defineAction({ permission: 'settings.manage', audit: 'webhook.update', schema: webhookEditSchema }, async ({ id, hookName: name, url, format, minSeverity }, actor) => {
  const refused = url === '' ? null : literalRefusal(url, await readWebhookAllowList());
  if (refused) return failure('Some fields need attention.', { url: [refused] });
  const outcome = await (await db()).$transaction(async (tx) => {
    const hook = await tx.webhook.findUnique({ where: { id }, select: { name: true } });
    if (!hook) return failure('That webhook no longer exists.');
    if (name !== hook.name && (await tx.webhook.count({ where: { name } })) > 0) return failure('Some fields need attention.', { hookName: ['A webhook with this name exists'] });
    await updateWebhookRow(tx, id, { name, format, minSeverity, url: url === '' ? null : url });
    await recordAudit(
      {
        ...auditedBy(actor),
        action: 'webhook.update',
        summary: `Changed webhook ${hook.name}${name !== hook.name ? ` (now ${name})` : ''}: ${format}, ${minSeverity} and above${url ? `, new URL on ${urlHost(url)}` : ''}`,
        targetType: 'webhook',
        targetId: id,
        targetName: name,
      },
      tx,
    );
    return success(null);
  });
  revalidatePath('/settings');
  return outcome;
});
