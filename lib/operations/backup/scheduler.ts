import 'server-only';
import { drillDue, drillsScheduled, dueBackup } from '@/lib/backup/schedule';
import { env } from '@/lib/config/env';
import { loadCatalog } from '@/lib/db/backups';
import { database, db } from '@/lib/db/client';
import { advisoryLeadership, BACKUP_SCHEDULER_LOCK_KEY, soleLeadership, type Leadership } from '@/lib/monitor/leadership';
import { requestRestore } from '../restore/request';
import { refreshCatalog } from './catalog';
import { requestBackup } from './request';

/** Who the schedule's operations are recorded as. */
export const SCHEDULE_ACTOR = { id: null, email: 'schedule', clientAddress: null, via: 'backup schedule' } as const;

/**
 * One pass of the schedule over every cluster with backups enabled: the catalog read again when
 * it is older than ten minutes (so backups taken outside Tandem show up), the backup each repository
 * is due (one operation per cluster at a time: the cluster lock refuses the rest until the next
 * pass), then a restore drill when the last one is older than the cluster's interval.
 */
export async function runSchedulePass(now: Date, log: Pick<Console, 'info' | 'warn'> = console): Promise<void> {
  const plans = await (await db()).backupPlan.findMany({
    where: { enabledAt: { not: null } },
    select: { clusterId: true, stanza: true, scheduleOn: true, fullEveryHours: true, diffEveryHours: true, incrEveryHours: true, drillHostId: true, drillEveryDays: true, repositories: { select: { number: true }, orderBy: { number: 'asc' } } },
  });
  for (const plan of plans) {
    await refreshCatalog(plan.clusterId, now).catch((error: unknown) => log.warn(`[tandem] schedule: reading the backups of ${plan.stanza}: ${error instanceof Error ? error.message : String(error)}`));
    const catalog = plan.scheduleOn ? await loadCatalog(plan.clusterId) : null;
    const due = catalog
      ? plan.repositories.map((repository) => ({ repository: repository.number, type: dueBackup(plan, catalog.info.backups.filter((backup) => backup.repository === repository.number), now) })).find((entry) => entry.type !== null)
      : undefined;
    if (due?.type) {
      const started = await requestBackup(plan.clusterId, due.type, due.repository, SCHEDULE_ACTOR, true);
      log.info(`[tandem] schedule: ${due.type} backup of ${plan.stanza} into repo${due.repository}: ${started.ok ? `operation ${started.operationId}` : started.message}`);
      continue;
    }
    if (drillsScheduled(plan)) {
      const last = await (await db()).operation.findFirst({ where: { clusterId: plan.clusterId, kind: 'restore-drill' }, orderBy: { createdAt: 'desc' }, select: { createdAt: true } });
      if (!drillDue(plan, last?.createdAt ?? null, now)) continue;
      const started = await requestRestore(plan.clusterId, { hostId: plan.drillHostId, target: { kind: 'latest' }, action: 'promote', repository: null, confirm: '', reason: 'Scheduled restore drill' }, SCHEDULE_ACTOR, true);
      log.info(`[tandem] schedule: restore drill of ${plan.stanza}: ${started.ok ? `operation ${started.operationId}` : started.message}`);
    }
  }
}

/** Runs the schedule every minute on the one instance that holds the scheduler lock (every instance competes; PGlite's only one always holds it). */
export async function startBackupScheduler(intervalMs = 60_000): Promise<() => Promise<void>> {
  const { driver } = await database();
  const url = env().DATABASE_URL;
  const leadership: Leadership = driver.kind === 'postgresql' && url ? advisoryLeadership(url, console, BACKUP_SCHEDULER_LOCK_KEY, 'backup-scheduler') : soleLeadership;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void leadership.acquire()
      .then((leader) => (leader ? runSchedulePass(new Date()) : undefined))
      .catch((error: unknown) => console.warn(`[tandem] backup schedule: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => { running = false; });
  }, intervalMs);
  return async () => {
    clearInterval(timer);
    await leadership.release();
  };
}
