import { describe, expect, it } from 'vitest';
import { makeOptions, makeSnapshot } from './make-snapshot';
import { planSetup } from './plan-setup';
import { planText, shellTexts, stepById } from './plan-test-helpers';
import type { SetupPlan } from './plan-types';
import type { SetupOptions } from './setup-types';

function plan(version: string, options: Partial<SetupOptions> = {}): SetupPlan {
  const result = planSetup(makeSnapshot({ version }), makeOptions(options));
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.plan;
}

function settingParams(p: SetupPlan): Record<string, string> {
  const action = stepById(p, 'primary-settings').actions[0];
  return action?.kind === 'sql' ? { ...action.params } : {};
}

function cloneCheckText(p: SetupPlan): string {
  const check = stepById(p, 'replica-db2-base-backup').check;
  return check.kind === 'shell' ? check.command.text : '';
}

describe.each(['15', '13'])('PostgreSQL %s', (version) => {
  it('uses standby.signal and postgresql.auto.conf, bounds slot WAL, wal_keep_size without slots', () => {
    const p = plan(version);
    expect(cloneCheckText(p)).toBe(
      `test -f '/var/lib/postgresql/${version}/main/PG_VERSION' && test -f '/var/lib/postgresql/${version}/main/standby.signal' && grep -Eq -- 'application_name=('\\'''\\'')?db2('\\'''\\'')?([ '\\'']|$)' '/var/lib/postgresql/${version}/main/postgresql.auto.conf'`,
    );
    expect(settingParams(p)).toMatchObject({ set_max_slot_wal_keep_size: '10GB' });
    expect(settingParams(plan(version, { slots: false }))).toMatchObject({ set_wal_keep_size: '1GB' });
    expect(planText(p)).not.toContain('recovery.conf');
    expect(planText(plan(version, { slots: false }))).not.toContain('wal_keep_segments');
  });
});

describe('PostgreSQL 12', () => {
  it('uses standby.signal, has no max_slot_wal_keep_size (noted), and wal_keep_segments without slots', () => {
    const p = plan('12');
    expect(cloneCheckText(p)).toContain("test -f '/var/lib/postgresql/12/main/standby.signal'");
    expect(planText(p)).not.toContain('max_slot_wal_keep_size');
    expect(p.notes.some((n) => n.includes('max_slot_wal_keep_size does not exist before PostgreSQL 13'))).toBe(true);
    expect(settingParams(plan('12', { slots: false }))).toMatchObject({ set_wal_keep_segments: '64' });
  });
});

describe.each(['11', '10'])('PostgreSQL %s', (version) => {
  const dir = `/var/lib/postgresql/${version}/main`;

  it('expects recovery.conf from pg_basebackup -R and checks it for the application name', () => {
    expect(cloneCheckText(plan(version))).toBe(
      `test -f '${dir}/PG_VERSION' && test -f '${dir}/recovery.conf' && grep -Eq -- 'application_name=('\\'''\\'')?db2('\\'''\\'')?([ '\\'']|$)' '${dir}/recovery.conf'`,
    );
    expect(stepById(plan(version), 'replica-db2-base-backup').why).toContain('recovery.conf (standby_mode, primary_conninfo, primary_slot_name)');
  });

  it('adds recovery_target_timeline = latest to recovery.conf so the standby follows a promotion', () => {
    const step = stepById(plan(version), 'replica-db2-configure');
    expect(step.config).toContainEqual({ host: 'db2', file: `${dir}/recovery.conf`, lines: ["recovery_target_timeline = 'latest'"] });
    expect(shellTexts(step)[1]).toBe(`set -e\ngrep -Fxq -- 'recovery_target_timeline = '\\''latest'\\''' '${dir}/recovery.conf' || printf '%s\\n' 'recovery_target_timeline = '\\''latest'\\''' >> '${dir}/recovery.conf'`);
    const check = step.check;
    expect(check.kind === 'shell' && check.command.text).toContain(`'${dir}/recovery.conf'`);
  });

  it('has no max_slot_wal_keep_size, and keeps 1GB as 64 wal_keep_segments without slots', () => {
    expect(planText(plan(version))).not.toContain('max_slot_wal_keep_size');
    expect(settingParams(plan(version, { slots: false }))).toMatchObject({ set_wal_keep_segments: '64' });
    expect(planText(plan(version, { slots: false }))).not.toContain('wal_keep_size =');
  });

  it('still streams with a slot and the same pg_basebackup flags', () => {
    expect(shellTexts(stepById(plan(version), 'replica-db2-base-backup'))[0]).toContain(`-D '${dir}' -R -X stream -S 'tandem_db2' --checkpoint=fast -P -w`);
  });
});
