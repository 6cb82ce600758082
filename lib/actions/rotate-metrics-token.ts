'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { recordAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { generateMetricsToken, hashMetricsToken } from '@/lib/metrics/token';
import { deleteMetricsToken, storeMetricsTokenHash } from '@/lib/metrics/token-store';
import { formFields, invalid, postedForm, success, type ActionResult } from './action-result';
import { authorize } from './authorize';

const schema = z.object({ change: z.enum(['rotate', 'revoke'], 'Unknown change') });

/**
 * Admins generate (or replace) the Prometheus scrape token, returned once and stored only as
 * a hash, or revoke it (the endpoint then refuses every scrape). Audited; the token never is.
 */
export async function rotateMetricsToken(_previous: ActionResult<{ token: string | null }> | null, form: unknown): Promise<ActionResult<{ token: string | null }>> {
  const actor = await authorize('settings.manage', 'metrics_token.change');
  if (!actor.ok) return actor;
  const posted = postedForm(form);
  if (!posted.ok) return posted;
  const parsed = schema.safeParse(formFields(posted.data));
  if (!parsed.success) return invalid(parsed.error);
  const token = parsed.data.change === 'rotate' ? generateMetricsToken() : null;
  await (await db()).$transaction(async (tx) => {
    if (token) await storeMetricsTokenHash(tx, hashMetricsToken(token), new Date());
    else await deleteMetricsToken(tx);
    await recordAudit(
      {
        actorId: actor.user.id,
        actorEmail: actor.user.email,
        action: `metrics_token.${parsed.data.change}`,
        summary: token ? 'Generated a new Prometheus scrape token (the previous one stops working)' : 'Revoked the Prometheus scrape token',
        targetType: 'setting',
        targetName: 'metrics.tokenHash',
        clientAddress: actor.clientAddress,
      },
      tx,
    );
  });
  revalidatePath('/settings');
  return success({ token });
}
