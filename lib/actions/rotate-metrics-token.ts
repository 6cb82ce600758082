'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { recordAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { generateMetricsToken, hashMetricsToken } from '@/lib/metrics/token';
import { deleteMetricsToken, storeMetricsTokenHash } from '@/lib/metrics/token-store';
import { success } from './action-result';
import { auditedBy, defineAction } from './define-action';

const schema = z.object({ change: z.enum(['rotate', 'revoke'], 'Unknown change') });

/**
 * Admins generate (or replace) the Prometheus scrape token, returned once and stored only as
 * a hash, or revoke it (the endpoint then refuses every scrape). Audited; the token never is.
 */
export const rotateMetricsToken = defineAction({ permission: 'settings.manage', audit: 'metrics_token.change', schema }, async ({ change }, actor) => {
  const token = change === 'rotate' ? generateMetricsToken() : null;
  await (await db()).$transaction(async (tx) => {
    if (token) await storeMetricsTokenHash(tx, hashMetricsToken(token), new Date());
    else await deleteMetricsToken(tx);
    await recordAudit(
      {
        ...auditedBy(actor),
        action: `metrics_token.${change}`,
        summary: token ? 'Generated a new Prometheus scrape token (the previous one stops working)' : 'Revoked the Prometheus scrape token',
        targetType: 'setting',
        targetName: 'metrics.tokenHash',
      },
      tx,
    );
  });
  revalidatePath('/settings');
  return success({ token });
});
