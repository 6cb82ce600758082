import { quoteLiteral } from '@/lib/pg/quote-ident';
import type { Check } from './plan-types';
import type { SettingChange } from './primary-settings';

const SIZE_SETTINGS = new Set(['max_slot_wal_keep_size', 'wal_keep_size']);
const AT_LEAST_SETTINGS = new Set(['max_wal_senders', 'max_replication_slots', 'wal_keep_segments']);

/** The psql variable a setting's value travels in: `set_<name>`. */
export function paramName(change: SettingChange): string {
  return `set_${change.name}`;
}

/** The psql variables carrying each change's value. */
export function settingParams(changes: readonly SettingChange[]): Record<string, string> {
  return Object.fromEntries(changes.map((change) => [paramName(change), change.value]));
}

/** `ALTER SYSTEM SET name = :'set_name';` per change: the value only ever travels as a psql literal. */
export function alterSystemSql(changes: readonly SettingChange[]): string {
  return changes.map((change) => `ALTER SYSTEM SET ${change.name} = :'${paramName(change)}';`).join('\n');
}

/** An SQL condition true when the running server already has the change's value (or better). */
export function liveCondition(change: SettingChange): string {
  const name = quoteLiteral(change.name);
  const value = `:'${paramName(change)}'`;
  if (change.name === 'wal_level') return `current_setting(${name}) IN ('replica', 'logical')`;
  if (SIZE_SETTINGS.has(change.name)) return `pg_size_bytes(current_setting(${name})) = pg_size_bytes(${value})`;
  if (AT_LEAST_SETTINGS.has(change.name)) return `current_setting(${name})::int >= (${value})::int`;
  return `current_setting(${name}) = ${value}`;
}

/** An SQL condition true when postgresql.auto.conf's last entry for the setting is the planned value. */
export function fileCondition(change: SettingChange): string {
  return `coalesce((SELECT setting FROM pg_file_settings WHERE name = ${quoteLiteral(change.name)} ORDER BY seqno DESC LIMIT 1) = :'${paramName(change)}', false)`;
}

/** `SELECT (a) AND (b) AS ok` over the given conditions; `true` when there are none. */
export function okQuery(conditions: readonly string[]): string {
  return `SELECT ${conditions.length === 0 ? 'true' : conditions.map((condition) => `(${condition})`).join('\n   AND ')} AS ok`;
}

/** Holds when every change is live on the host. */
export function liveCheck(host: string, changes: readonly SettingChange[]): Check {
  return { kind: 'sql', host, sql: okQuery(changes.map(liveCondition)), params: settingParams(changes) };
}

/**
 * Holds when a restart is needed for a change Tandem made: one of its postmaster
 * settings is `pending_restart`, or still not live (covers the moment just after a
 * reload, before pg_settings reflects it). Other settings' pending restarts are not
 * Tandem's to apply and are ignored.
 */
export function restartNeededCheck(host: string, changes: readonly SettingChange[]): Check {
  const postmaster = changes.filter((change) => change.restart);
  const names = postmaster.map((change) => quoteLiteral(change.name)).join(', ');
  const conditions = postmaster.length === 0
    ? ['false']
    : [`EXISTS (SELECT 1 FROM pg_settings WHERE pending_restart AND name IN (${names}))`, ...postmaster.map((change) => `NOT (${liveCondition(change)})`)];
  return { kind: 'sql', host, sql: `SELECT ${conditions.join('\n    OR ')} AS ok`, params: settingParams(postmaster) };
}
