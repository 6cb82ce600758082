import { describe, expect, it } from 'vitest';
import { describeBackupFigures } from './figures';

describe('backup figures in words', () => {
  it('gives a backup its duration and sizes', () => {
    expect(describeBackupFigures('backup', { backupMs: 65_000, sizeBytes: 3 * 1024 ** 3, repositorySizeBytes: 1536 })).toEqual(['took 1 min 5 s', 'database 3 GiB', '1.5 KiB added to the repository']);
  });

  it('gives a restore or drill its RTO and RPO, and on which side of the target it stopped', () => {
    expect(describeBackupFigures('restore', { rtoMs: 42_300, rpoMs: 250 })).toEqual(['RTO 42.3 s', 'RPO 250 ms before the target']);
    expect(describeBackupFigures('restore-drill', { rtoMs: 9000, rpoMs: -1500 })).toEqual(['RTO 9 s', 'RPO 1.5 s after the target']);
  });

  it('leaves out what was not recorded, and other kinds', () => {
    expect(describeBackupFigures('restore', {})).toEqual([]);
    expect(describeBackupFigures('enable-backups', { rtoMs: 1 })).toEqual([]);
  });
});
