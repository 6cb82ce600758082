import { describe, expect, it } from 'vitest';
import { pgbackrestTime, restoreTargetSchema, targetOptions, targetOutsideWindow } from './restore-target';

const window = { earliest: '2026-12-03T10:00:00.000Z', latest: '2026-12-03T12:00:00.000Z' };

describe('restore targets', () => {
  it('turns each target into pgBackRest options, one quoted word each', () => {
    expect(targetOptions({ kind: 'time', time: '2026-12-03T11:00:00.250+01:00' }, 'pause').text).toBe("--type=time '--target=2026-12-03 10:00:00.250+00' '--target-action=pause'");
    expect(targetOptions({ kind: 'lsn', lsn: '0/3000060' }, 'promote').text).toBe("--type=lsn '--target=0/3000060' '--target-action=promote'");
    expect(targetOptions({ kind: 'backup', label: '20261203-175835F' }, 'pause').text).toBe("--type=immediate '--set=20261203-175835F' '--target-action=pause'");
    expect(targetOptions({ kind: 'latest' }, 'pause').text).toBe('--type=default');
    expect(pgbackrestTime('2026-12-03T18:01:02Z')).toBe('2026-12-03 18:01:02.000+00');
  });

  it('validates what a form may ask for', () => {
    expect(restoreTargetSchema.safeParse({ kind: 'lsn', lsn: "0/1'; rm -rf /" }).success).toBe(false);
    expect(restoreTargetSchema.safeParse({ kind: 'time', time: 'yesterday' }).success).toBe(false);
    expect(restoreTargetSchema.safeParse({ kind: 'name', name: 'before deploy' }).success).toBe(false);
    expect(restoreTargetSchema.safeParse({ kind: 'name', name: 'before_deploy-42' }).success).toBe(true);
  });

  it('says the window when a time is outside it, and knows only the backups there are', () => {
    expect(targetOutsideWindow({ kind: 'time', time: '2026-12-03T09:59:59Z' }, window, [])).toBe('2026-12-03T09:59:59Z is outside the recovery window, 2026-12-03T10:00:00.000Z to 2026-12-03T12:00:00.000Z: pick a time inside it.');
    expect(targetOutsideWindow({ kind: 'time', time: '2026-12-03T11:00:00Z' }, window, [])).toBeNull();
    expect(targetOutsideWindow({ kind: 'backup', label: '20261203-175835F' }, window, ['20261203-175835F'])).toBeNull();
    expect(targetOutsideWindow({ kind: 'backup', label: '20261201-000000F' }, window, ['20261203-175835F'])).toMatch(/^There is no backup 20261201-000000F/);
    expect(targetOutsideWindow({ kind: 'latest' }, null, [])).toBe('The stanza holds no backup yet: take a backup first.');
  });
});
