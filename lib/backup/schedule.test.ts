import { describe, expect, it } from 'vitest';
import type { BackupEntry } from './info';
import { backupOverdue, dueBackup } from './schedule';

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
