import { describe, expect, it } from 'vitest';
import type { SettingChange } from './primary-settings';
import { alterSystemSql, fileCondition, liveCheck, okQuery, restartNeededCheck } from './setting-sql';

const change = (name: string, value: string, restart = false): SettingChange => ({ name, value, restart, reason: 'test' });

describe('setting SQL', () => {
  it('writes ALTER SYSTEM with the value as a psql variable only', () => {
    expect(alterSystemSql([change('max_wal_senders', '10; DROP TABLE t'), change('wal_keep_size', '1GB')])).toBe(
      "ALTER SYSTEM SET max_wal_senders = :'set_max_wal_senders';\nALTER SYSTEM SET wal_keep_size = :'set_wal_keep_size';",
    );
  });

  it('refuses a setting name that is not one, before any SQL is written', () => {
    expect(() => alterSystemSql([change('max_wal_senders; DROP', '10')])).toThrow(/Invalid setting name/);
    expect(() => liveCheck('pg1', [change("wal_level' OR true --", 'replica')])).toThrow(/Invalid setting name/);
  });

  it('joins conditions into one check query', () => {
    expect(okQuery([])).toBe('SELECT true AS ok');
    expect(okQuery([fileCondition(change('wal_level', 'replica')), fileCondition(change('hot_standby', 'on'))])).toBe(
      "SELECT (coalesce((SELECT setting FROM pg_file_settings WHERE name = 'wal_level' ORDER BY seqno DESC LIMIT 1) = :'set_wal_level', false))\n"
      + "   AND (coalesce((SELECT setting FROM pg_file_settings WHERE name = 'hot_standby' ORDER BY seqno DESC LIMIT 1) = :'set_hot_standby', false)) AS ok",
    );
  });

  it('asks for a restart only for postmaster settings Tandem changed', () => {
    expect(restartNeededCheck('pg1', [change('wal_keep_size', '1GB')])).toEqual({ kind: 'sql', host: 'pg1', sql: 'SELECT false AS ok', params: {} });
    const check = restartNeededCheck('pg1', [change('max_wal_senders', '10', true), change('wal_keep_size', '1GB')]);
    expect(check).toEqual({
      kind: 'sql',
      host: 'pg1',
      sql: "SELECT EXISTS (SELECT 1 FROM pg_settings WHERE pending_restart AND name IN ('max_wal_senders'))\n    OR NOT (current_setting('max_wal_senders')::int >= (:'set_max_wal_senders')::int) AS ok",
      params: { set_max_wal_senders: '10' },
    });
  });
});
