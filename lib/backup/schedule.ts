import type { BackupEntry } from './info';
import type { BackupType } from './types';

/** Hours between scheduled backups of each type (0: not scheduled). */
export interface BackupSchedule {
  readonly fullEveryHours: number;
  readonly diffEveryHours: number;
  readonly incrEveryHours: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** A backup of a type also serves every smaller type: a full stands for a differential and an incremental. */
const SERVES: Record<BackupType, readonly BackupType[]> = { full: ['full'], diff: ['full', 'diff'], incr: ['full', 'diff', 'incr'] };

/**
 * The backup type the schedule wants now in one repository, or null: the largest type whose
 * interval has passed since the last good backup that serves it. With no good full backup at
 * all, a full one (the others need it). Pure; `backups` are that repository's.
 */
export function dueBackup(schedule: BackupSchedule, backups: readonly BackupEntry[], now: Date): BackupType | null {
  const good = backups.filter((backup) => !backup.error);
  if (!good.some((backup) => backup.type === 'full')) return 'full';
  const every: Record<BackupType, number> = { full: schedule.fullEveryHours, diff: schedule.diffEveryHours, incr: schedule.incrEveryHours };
  for (const type of ['full', 'diff', 'incr'] as const) {
    if (every[type] <= 0) continue;
    const last = good.filter((backup) => SERVES[type].includes(backup.type)).map((backup) => Date.parse(backup.stoppedAt)).reduce((a, b) => Math.max(a, b), 0);
    if (now.getTime() - last >= every[type] * HOUR_MS) return type;
  }
  return null;
}

/**
 * When the schedule last promised a backup by: the newest good backup must be younger than the
 * shortest interval plus `marginHours`, else the schedule is failing (the alert's question).
 */
export function backupOverdue(schedule: BackupSchedule, backups: readonly BackupEntry[], now: Date, marginHours: number): boolean {
  const intervals = [schedule.fullEveryHours, schedule.diffEveryHours, schedule.incrEveryHours].filter((hours) => hours > 0);
  if (intervals.length === 0) return false;
  const newest = backups.filter((backup) => !backup.error).map((backup) => Date.parse(backup.stoppedAt)).reduce((a, b) => Math.max(a, b), 0);
  return now.getTime() - newest > (Math.min(...intervals) + marginHours) * HOUR_MS;
}

/** Where scheduled restore drills restore to, and every how many days (0: on demand only). */
export interface DrillSchedule {
  readonly drillHostId: number | null;
  readonly drillEveryDays: number;
}

/** A cluster's restore drills as the alerts judge them. */
export interface DrillRecord extends DrillSchedule {
  /** When backups were enabled: until a drill passes, staleness counts from here. */
  readonly enabledAt: Date;
  /** The newest drill that passed or failed (a cancelled or interrupted one says neither). */
  readonly latest: { readonly operationId: number; readonly passed: boolean; readonly at: Date; readonly outcome: string | null } | null;
  readonly lastPassedAt: Date | null;
}

/** Whether restore drills run on a schedule: a host to restore to and an interval. */
export function drillsScheduled<T extends DrillSchedule>(schedule: T): schedule is T & { readonly drillHostId: number } {
  return schedule.drillEveryDays > 0 && schedule.drillHostId !== null;
}

/** Whether the schedule wants a restore drill now: drills are scheduled and the last one (however it ended) started at least the interval ago. */
export function drillDue(schedule: DrillSchedule, lastDrillAt: Date | null, now: Date): boolean {
  if (!drillsScheduled(schedule)) return false;
  return lastDrillAt === null || now.getTime() - lastDrillAt.getTime() >= schedule.drillEveryDays * DAY_MS;
}

/**
 * How many days a cluster may go without a passed restore drill before the alert: the rule's
 * threshold, or, when drills are scheduled less often than that, one interval plus a day (a
 * drill takes hours), so the schedule's own rhythm never trips it.
 */
export function drillStaleAfterDays(schedule: DrillSchedule, thresholdDays: number): number {
  return drillsScheduled(schedule) ? Math.max(thresholdDays, schedule.drillEveryDays + 1) : thresholdDays;
}

/** True when no restore drill passed within {@link drillStaleAfterDays} of `now`, counting from `since` (the last pass, or when backups were enabled). */
export function drillStale(schedule: DrillSchedule, since: Date, now: Date, thresholdDays: number): boolean {
  return now.getTime() - since.getTime() > drillStaleAfterDays(schedule, thresholdDays) * DAY_MS;
}
