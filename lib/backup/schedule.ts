import type { BackupEntry } from './info';
import type { BackupType } from './types';

/** Hours between scheduled backups of each type (0: not scheduled). */
export interface BackupSchedule {
  readonly fullEveryHours: number;
  readonly diffEveryHours: number;
  readonly incrEveryHours: number;
}

const HOUR_MS = 3_600_000;
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
