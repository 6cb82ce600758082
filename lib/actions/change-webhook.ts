'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { webhookIdSchema } from '@/lib/alerts/rule-schema';
import { recordAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { failure, success } from './action-result';
import { auditedBy, defineAction } from './define-action';

const changeSchema = webhookIdSchema.extend({ change: z.enum(['enable', 'disable', 'delete'], 'Unknown change') });

/** Admins pause, resume or delete a webhook (its delivery log goes with it on delete); audited. */
export const changeWebhook = defineAction({ permission: 'settings.manage', audit: 'webhook.change', schema: changeSchema }, async ({ id, change }, actor) => {
  const outcome = await (await db()).$transaction(async (tx) => {
    const hook = await tx.webhook.findUnique({ where: { id }, select: { name: true } });
    if (!hook) return failure('That webhook no longer exists.');
    if (change === 'delete') await tx.webhook.delete({ where: { id }, select: { id: true } });
    else await tx.webhook.update({ where: { id }, data: { enabled: change === 'enable' }, select: { id: true } });
    await recordAudit(
      {
        ...auditedBy(actor),
        action: `webhook.${change}`,
        summary: `${change === 'delete' ? 'Deleted' : change === 'enable' ? 'Enabled' : 'Paused'} webhook ${hook.name}`,
        targetType: 'webhook',
        targetId: id,
        targetName: hook.name,
      },
      tx,
    );
    return success(null);
  });
  revalidatePath('/settings');
  return outcome;
});
