'use server';

import { revalidatePath } from 'next/cache';
import { webhookSchema } from '@/lib/alerts/rule-schema';
import { literalRefusal } from '@/lib/alerts/webhook-address';
import { recordAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { insertWebhook, readWebhookAllowList, urlHost, webhookNameTaken } from '@/lib/db/webhooks';
import { failure, success } from './action-result';
import { auditedBy, defineAction } from './define-action';

/** Admins add a webhook; the URL is sealed at rest and only its host is ever shown or audited. A private IP address needs the allow-list. */
export const createWebhook = defineAction({ permission: 'settings.manage', audit: 'webhook.create', schema: webhookSchema }, async ({ hookName: name, url, format, minSeverity }, actor) => {
  if (await webhookNameTaken(name)) return failure('Some fields need attention.', { hookName: ['A webhook with this name exists'] });
  const refused = literalRefusal(url, await readWebhookAllowList());
  if (refused) return failure('Some fields need attention.', { url: [refused] });
  const host = urlHost(url);
  const id = await (await db()).$transaction(async (tx) => {
    const created = await insertWebhook(tx, { name, url, format, minSeverity });
    await recordAudit(
      {
        ...auditedBy(actor),
        action: 'webhook.create',
        summary: `Added webhook ${name} (${format}, ${minSeverity} and above) to ${host}`,
        targetType: 'webhook',
        targetId: created,
        targetName: name,
      },
      tx,
    );
    return created;
  });
  revalidatePath('/settings');
  return success({ id });
});
