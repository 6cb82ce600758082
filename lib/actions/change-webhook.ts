'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { webhookIdSchema } from '@/lib/alerts/rule-schema';
import { recordAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { failure, formFields, invalid, postedForm, success, type ActionResult } from './action-result';
import { authorize } from './authorize';

const changeSchema = webhookIdSchema.extend({ change: z.enum(['enable', 'disable', 'delete'], 'Unknown change') });

/** Admins pause, resume or delete a webhook (its delivery log goes with it on delete); audited. */
export async function changeWebhook(_previous: ActionResult | null, form: unknown): Promise<ActionResult> {
  const actor = await authorize('settings.manage', 'webhook.change');
  if (!actor.ok) return actor;
  const posted = postedForm(form);
  if (!posted.ok) return posted;
  const parsed = changeSchema.safeParse(formFields(posted.data));
  if (!parsed.success) return invalid(parsed.error);
  const { id, change } = parsed.data;
  const outcome = await (await db()).$transaction(async (tx) => {
    const hook = await tx.webhook.findUnique({ where: { id }, select: { name: true } });
    if (!hook) return failure('That webhook no longer exists.');
    if (change === 'delete') await tx.webhook.delete({ where: { id }, select: { id: true } });
    else await tx.webhook.update({ where: { id }, data: { enabled: change === 'enable' }, select: { id: true } });
    await recordAudit(
      {
        actorId: actor.user.id,
        actorEmail: actor.user.email,
        action: `webhook.${change}`,
        summary: `${change === 'delete' ? 'Deleted' : change === 'enable' ? 'Enabled' : 'Paused'} webhook ${hook.name}`,
        targetType: 'webhook',
        targetId: id,
        targetName: hook.name,
        clientAddress: actor.clientAddress,
      },
      tx,
    );
    return success(null);
  });
  revalidatePath('/settings');
  return outcome;
}
