import { describe, expect, it } from 'vitest';
import type { BackupEntry } from '@/lib/backup/info';
import { readConditions, type BackupFreshness } from './conditions';
import { DEFAULT_ALERT_RULES } from './default-rules';
import { makeTick } from './tick-builders';

/** The tick builder's clock: t = 0 is 2026-11-22 08:00:00 UTC. */
const schedule = { fullEveryHours: 168, diffEveryHours: 24, incrEveryHours: 1 };

function backup(stoppedAt: string, error = false): BackupEntry {
  return {
    label: `L-${stoppedAt}`, type: 'incr', repository: 1, startedAt: stoppedAt, stoppedAt, sizeBytes: 1, deltaBytes: 1, repositorySizeBytes: 1, repositoryDeltaBytes: 1,
    walStart: null, walStop: null, lsnStart: null, lsnStop: null, prior: null, error,
  };
}

function read(backups: BackupFreshness | null) {
  const rules = DEFAULT_ALERT_RULES.filter((rule) => rule.metric === 'backup_overdue');
  return readConditions(makeTick(0), rules, { hoursToDiskFull: null, certificates: [], backups }).map((reading) => [reading.state, reading.summary]);
}

describe('backup_overdue', () => {
  it('fires when the newest good backup is older than the shortest interval plus the margin (2 h by default)', () => {
    expect(read({ schedule, backups: [backup('2026-11-22T04:30:00.000Z')] })).toEqual([
      ['firing', "No good backup since 2026-11-22T04:30:00.000Z: the schedule promised one within 1 h (margin 2 h); look at the cluster's backup operations"],
    ]);
    expect(read({ schedule, backups: [backup('2026-11-22T04:30:00.000Z'), backup('2026-11-22T07:30:00.000Z', true)] })[0]?.[0]).toBe('firing');
  });

  it('is clear with a recent good backup, and absent without scheduled backups', () => {
    expect(read({ schedule, backups: [backup('2026-11-22T06:30:00.000Z')] })).toEqual([['clear', expect.any(String)]]);
    expect(read(null)).toEqual([]);
  });
});
