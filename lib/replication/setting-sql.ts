import { joinSql, literal, settingName, sql, type SqlText } from '@/lib/pg/sql';
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

/** The psql variable reference of a change's value, `:'set_name'` (the name checked by {@link settingName}). */
function valueRef(change: SettingChange): SqlText {
  return sql`:'set_${settingName(change.name)}'`;
}

/** `ALTER SYSTEM SET name = :'set_name';` per change: the value only ever travels as a psql literal, the name only as a checked setting name. */
export function alterSystemSql(changes: readonly SettingChange[]): SqlText {
  return joinSql(changes.map((change) => sql`ALTER SYSTEM SET ${settingName(change.name)} = ${valueRef(change)};`), sql`\n`);
}

/** An SQL condition true when the running server already has the change's value (or better). */
export function liveCondition(change: SettingChange): SqlText {
  const name = literal(change.name);
  const value = valueRef(change);
  if (change.name === 'wal_level') return sql`current_setting(${name}) IN ('replica', 'logical')`;
  if (SIZE_SETTINGS.has(change.name)) return sql`pg_size_bytes(current_setting(${name})) = pg_size_bytes(${value})`;
  if (AT_LEAST_SETTINGS.has(change.name)) return sql`current_setting(${name})::int >= (${value})::int`;
  return sql`current_setting(${name}) = ${value}`;
}

/** An SQL condition true when postgresql.auto.conf's last entry for the setting is the planned value. */
export function fileCondition(change: SettingChange): SqlText {
  return sql`coalesce((SELECT setting FROM pg_file_settings WHERE name = ${literal(change.name)} ORDER BY seqno DESC LIMIT 1) = ${valueRef(change)}, false)`;
}

/** `SELECT (a) AND (b) AS ok` over the given conditions; `true` when there are none. */
export function okQuery(conditions: readonly SqlText[]): SqlText {
  const all = conditions.length === 0 ? sql`true` : joinSql(conditions.map((condition) => sql`(${condition})`), sql`\n   AND `);
  return sql`SELECT ${all} AS ok`;
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
  const names = joinSql(postmaster.map((change) => literal(change.name)), sql`, `);
  const conditions = postmaster.length === 0
    ? [sql`false`]
    : [sql`EXISTS (SELECT 1 FROM pg_settings WHERE pending_restart AND name IN (${names}))`, ...postmaster.map((change) => sql`NOT (${liveCondition(change)})`)];
  return { kind: 'sql', host, sql: sql`SELECT ${joinSql(conditions, sql`\n    OR `)} AS ok`, params: settingParams(postmaster) };
}
