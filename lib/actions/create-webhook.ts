'use server';

import { revalidatePath } from 'next/cache';
import { webhookSchema } from '@/lib/alerts/rule-schema';
import { recordAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { insertWebhook, urlHost, webhookNameTaken } from '@/lib/db/webhooks';
import { failure, formFields, invalid, postedForm, success, type ActionResult } from './action-result';
import { authorize } from './authorize';

/** Admins add a webhook; the URL is sealed at rest and only its host is ever shown or audited. */
export async function createWebhook(_previous: ActionResult<{ id: number }> | null, form: unknown): Promise<ActionResult<{ id: number }>> {
  const actor = await authorize('settings.manage', 'webhook.create');
  if (!actor.ok) return actor;
  const posted = postedForm(form);
  if (!posted.ok) return posted;
  const parsed = webhookSchema.safeParse(formFields(posted.data));
  if (!parsed.success) return invalid(parsed.error);
  const { hookName: name, url, format, minSeverity } = parsed.data;
  if (await webhookNameTaken(name)) return failure('Some fields need attention.', { hookName: ['A webhook with this name exists'] });
  const host = urlHost(url);
  const id = await (await db()).$transaction(async (tx) => {
    const created = await insertWebhook(tx, { name, url, format, minSeverity });
    await recordAudit(
      {
        actorId: actor.user.id,
        actorEmail: actor.user.email,
        action: 'webhook.create',
        summary: `Added webhook ${name} (${format}, ${minSeverity} and above) to ${host}`,
        targetType: 'webhook',
        targetId: created,
        targetName: name,
        clientAddress: actor.clientAddress,
      },
      tx,
    );
    return created;
  });
  revalidatePath('/settings');
  return success({ id });
}
