'use server';

import { revalidatePath } from 'next/cache';
import { webhookAllowListSchema } from '@/lib/alerts/rule-schema';
import { recordAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { readWebhookAllowEntries, storeWebhookAllowEntries, WEBHOOK_ALLOW_LIST_SETTING } from '@/lib/db/webhooks';
import { success } from './action-result';
import { auditedBy, defineAction } from './define-action';

const listed = (entries: readonly string[]): string => (entries.length === 0 ? 'none' : entries.join(', '));

/**
 * Admins set the networks and host names webhooks may reach although they are private,
 * loopback or link-local (an on-premises chat server at 10.x); audited with before and after.
 */
export const updateWebhookAllowList = defineAction({ permission: 'settings.manage', audit: 'webhook.allow_list', schema: webhookAllowListSchema }, async ({ entries }, actor) => {
  await (await db()).$transaction(async (tx) => {
    const before = await readWebhookAllowEntries(tx);
    await storeWebhookAllowEntries(tx, entries);
    await recordAudit(
      {
        ...auditedBy(actor),
        action: 'webhook.allow_list',
        summary: `Set the webhook allow-list to ${listed(entries)} (was ${listed(before)})`,
        targetType: 'setting',
        targetName: WEBHOOK_ALLOW_LIST_SETTING,
        details: { before, after: entries },
      },
      tx,
    );
  });
  revalidatePath('/settings');
  return success(null);
});
