'use server';

import { revalidatePath } from 'next/cache';
import { invalidateAlertRules } from '@/lib/alerts/alerting';
import { ALERT_METRICS } from '@/lib/alerts/rules';
import { ruleEditSchema } from '@/lib/alerts/rule-schema';
import { saveAlertRule } from '@/lib/db/alerts';
import { recordAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { failure, formFields, invalid, postedForm, success, type ActionResult } from './action-result';
import { authorize } from './authorize';

/** Admins change one alert rule of a cluster (threshold, hold time, on/off); audited; applies from the next tick. */
export async function updateAlertRule(_previous: ActionResult | null, form: unknown): Promise<ActionResult> {
  const actor = await authorize('settings.manage', 'alert_rule.update');
  if (!actor.ok) return actor;
  const posted = postedForm(form);
  if (!posted.ok) return posted;
  const parsed = ruleEditSchema.safeParse(formFields(posted.data));
  if (!parsed.success) return invalid(parsed.error);
  const { clusterId, rule } = parsed.data;
  const prisma = await db();
  const cluster = await prisma.cluster.findUnique({ where: { id: clusterId }, select: { name: true } });
  if (!cluster) return failure('That cluster no longer exists.');
  const label = `${ALERT_METRICS[rule.metric].label} (${rule.severity})`;
  await prisma.$transaction(async (tx) => {
    await saveAlertRule(clusterId, rule, tx);
    await recordAudit(
      {
        actorId: actor.user.id,
        actorEmail: actor.user.email,
        action: 'alert_rule.update',
        summary: `${rule.enabled ? 'Set' : 'Disabled'} alert rule ${label} on ${cluster.name}: threshold ${rule.threshold ?? '—'}, hold ${rule.forSeconds} s`,
        targetType: 'cluster',
        targetId: clusterId,
        targetName: cluster.name,
        clientAddress: actor.clientAddress,
        details: { metric: rule.metric, severity: rule.severity, threshold: rule.threshold, forSeconds: rule.forSeconds, enabled: rule.enabled },
      },
      tx,
    );
  });
  invalidateAlertRules(clusterId);
  revalidatePath(`/clusters/${clusterId}`);
  return success(null);
}
