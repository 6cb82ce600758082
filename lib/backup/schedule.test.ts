import { describe, expect, it } from 'vitest';
import type { BackupEntry } from './info';
import { backupOverdue, drillDue, drillStale, drillStaleAfterDays, dueBackup } from './schedule';

const schedule = { fullEveryHours: 168, diffEveryHours: 24, incrEveryHours: 1 };
const now = new Date('2026-12-10T12:00:00Z');

function backup(type: BackupEntry['type'], hoursAgo: number, error = false): BackupEntry {
  const stoppedAt = new Date(now.getTime() - hoursAgo * 3_600_000).toISOString();
  return {
    label: `L${hoursAgo}${type}`, type, repository: 1, startedAt: stoppedAt, stoppedAt, sizeBytes: 1, deltaBytes: 1, repositorySizeBytes: 1, repositoryDeltaBytes: 1,
    walStart: null, walStop: null, lsnStart: null, lsnStop: null, prior: null, error,
  };
}

describe('dueBackup', () => {
  it('wants a full backup first, and when the only full one is damaged', () => {
    expect(dueBackup(schedule, [], now)).toBe('full');
    expect(dueBackup(schedule, [backup('full', 1, true), backup('incr', 0.5)], now)).toBe('full');
  });

  it('wants the largest type whose interval passed, counting a larger backup for a smaller type', () => {
    expect(dueBackup(schedule, [backup('full', 200)], now)).toBe('full');
    expect(dueBackup(schedule, [backup('full', 30)], now)).toBe('diff');
    expect(dueBackup(schedule, [backup('full', 30), backup('diff', 2)], now)).toBe('incr');
    expect(dueBackup(schedule, [backup('full', 30), backup('diff', 0.5)], now)).toBeNull();
    expect(dueBackup(schedule, [backup('full', 0.2)], now)).toBeNull();
  });

  it('leaves out a type scheduled every 0 hours', () => {
    expect(dueBackup({ ...schedule, diffEveryHours: 0, incrEveryHours: 0 }, [backup('full', 30)], now)).toBeNull();
  });
});

describe('backupOverdue', () => {
  it('holds when the newest good backup is older than the shortest interval plus the margin', () => {
    expect(backupOverdue(schedule, [backup('full', 3)], now, 1)).toBe(true);
    expect(backupOverdue(schedule, [backup('full', 3), backup('incr', 1.5)], now, 1)).toBe(false);
    expect(backupOverdue(schedule, [backup('full', 3), backup('incr', 0.1, true)], now, 1)).toBe(true);
    expect(backupOverdue({ fullEveryHours: 0, diffEveryHours: 0, incrEveryHours: 0 }, [], now, 1)).toBe(false);
  });
});

describe('restore drills on a schedule', () => {
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const weekly = { drillHostId: 9, drillEveryDays: 7 };

  it('wants a drill once the interval passed since the last one started, and never without a host or an interval', () => {
    expect(drillDue(weekly, null, now)).toBe(true);
    expect(drillDue(weekly, daysAgo(7), now)).toBe(true);
    expect(drillDue(weekly, daysAgo(6.9), now)).toBe(false);
    expect(drillDue({ ...weekly, drillHostId: null }, null, now)).toBe(false);
    expect(drillDue({ ...weekly, drillEveryDays: 0 }, null, now)).toBe(false);
  });

  it('calls drills stale after the threshold, or one scheduled interval plus a day when that is longer', () => {
    expect(drillStaleAfterDays(weekly, 30)).toBe(30);
    expect(drillStaleAfterDays({ ...weekly, drillEveryDays: 45 }, 30)).toBe(46);
    expect(drillStaleAfterDays({ drillHostId: null, drillEveryDays: 45 }, 30)).toBe(30);
    expect(drillStale(weekly, daysAgo(30.1), now, 30)).toBe(true);
    expect(drillStale(weekly, daysAgo(30), now, 30)).toBe(false);
    expect(drillStale({ ...weekly, drillEveryDays: 45 }, daysAgo(45.5), now, 30)).toBe(false);
  });
});
