'use server';

import { revalidatePath } from 'next/cache';
import { invalidateAlertRules } from '@/lib/alerts/alerting';
import { ALERT_METRICS } from '@/lib/alerts/rules';
import { ruleEditSchema } from '@/lib/alerts/rule-schema';
import { clusterPath } from '@/lib/clusters/cluster-tabs';
import { saveAlertRule } from '@/lib/db/alerts';
import { recordAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { failure, success } from './action-result';
import { auditedBy, defineAction } from './define-action';

/** Admins change one alert rule of a cluster (threshold, hold time, on/off); audited; applies from the next tick. */
export const updateAlertRule = defineAction({ permission: 'settings.manage', audit: 'alert_rule.update', schema: ruleEditSchema }, async ({ clusterId, rule }, actor) => {
  const prisma = await db();
  const cluster = await prisma.cluster.findUnique({ where: { id: clusterId }, select: { name: true } });
  if (!cluster) return failure('That cluster no longer exists.');
  const label = `${ALERT_METRICS[rule.metric].label} (${rule.severity})`;
  await prisma.$transaction(async (tx) => {
    await saveAlertRule(clusterId, rule, tx);
    await recordAudit(
      {
        ...auditedBy(actor),
        action: 'alert_rule.update',
        summary: `${rule.enabled ? 'Set' : 'Disabled'} alert rule ${label} on ${cluster.name}: threshold ${rule.threshold ?? '—'}, hold ${rule.forSeconds} s`,
        targetType: 'cluster',
        targetId: clusterId,
        targetName: cluster.name,
        details: { metric: rule.metric, severity: rule.severity, threshold: rule.threshold, forSeconds: rule.forSeconds, enabled: rule.enabled },
      },
      tx,
    );
  });
  invalidateAlertRules(clusterId);
  revalidatePath(clusterPath(clusterId, 'settings'));
  return success(null);
});
