/** PostgreSQL truncates identifiers to NAMEDATALEN - 1 bytes; longer ones would silently collide. */
export const MAX_IDENTIFIER_BYTES = 63;

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const SLOT_NAME = /^[a-z0-9_]{1,63}$/;
const APPLICATION_NAME = /^[a-z0-9_]{1,63}$/;
const PARAMETER_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Quotes an SQL identifier (role, slot, database, table) for places where a bind
 * parameter cannot stand: `"` around it, embedded `"` doubled. This is the only
 * identifier-quoting helper; names should also pass the strict validator for their kind.
 * Throws on empty names, NUL and names PostgreSQL would truncate.
 */
export function quoteIdent(name: string): string {
  if (name === '') throw new TypeError('quoteIdent: an identifier cannot be empty');
  if (name.includes('\0')) throw new TypeError('quoteIdent: an identifier cannot contain a NUL byte');
  if (Buffer.byteLength(name, 'utf8') > MAX_IDENTIFIER_BYTES) {
    throw new TypeError(`quoteIdent: identifiers are limited to ${MAX_IDENTIFIER_BYTES} bytes`);
  }
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Quotes a string literal for utility statements that take no bind parameters
 * (`ALTER SYSTEM SET … = …`, `CREATE ROLE … PASSWORD …`). Works whatever
 * `standard_conforming_strings` is: a value with a backslash uses the `E'…'` form.
 * Prefer bind parameters wherever PostgreSQL accepts them.
 */
export function quoteLiteral(value: string): string {
  if (value.includes('\0')) throw new TypeError('quoteLiteral: a string literal cannot contain a NUL byte');
  const body = value.replaceAll("'", "''");
  return value.includes('\\') ? `E'${body.replaceAll('\\', '\\\\')}'` : `'${body}'`;
}

function check(kind: string, pattern: RegExp, rule: string, value: string): string {
  if (!pattern.test(value)) throw new TypeError(`Invalid ${kind} ${JSON.stringify(value.slice(0, 80))}: ${rule}`);
  return value;
}

/** True for a role name Tandem creates or accepts: lower-case letters, digits, `_`, not starting with a digit or `pg_`. */
export function isValidRoleName(name: string): boolean {
  return ROLE_NAME.test(name) && !name.startsWith('pg_');
}

/** Returns the role name or throws with the rule it broke. */
export function assertRoleName(name: string): string {
  if (name.startsWith('pg_')) throw new TypeError(`Invalid role name ${JSON.stringify(name)}: names starting with pg_ are reserved`);
  return check('role name', ROLE_NAME, 'use 1–63 lower-case letters, digits or _, not starting with a digit', name);
}

/** PostgreSQL's own rule for replication slot names: lower-case letters, digits and `_`, 1–63 characters. */
export function isValidSlotName(name: string): boolean {
  return SLOT_NAME.test(name);
}

/** Returns the slot name or throws with the rule it broke. */
export function assertSlotName(name: string): string {
  return check('replication slot name', SLOT_NAME, 'use 1–63 lower-case letters, digits or _', name);
}

/**
 * Application names identify a standby in `pg_stat_replication` and
 * `synchronous_standby_names`; keeping them to `[a-z0-9_]` means they never need quoting there.
 */
export function isValidApplicationName(name: string): boolean {
  return APPLICATION_NAME.test(name);
}

/** Returns the application name or throws with the rule it broke. */
export function assertApplicationName(name: string): string {
  return check('application name', APPLICATION_NAME, 'use 1–63 lower-case letters, digits or _', name);
}

/** Names of psql variables passed by `psqlOverSsh` (lower case, so they never clash with psql's own). */
export function assertParameterName(name: string): string {
  return check('psql variable name', PARAMETER_NAME, 'use 1–63 lower-case letters, digits or _, not starting with a digit', name);
}

/**
 * Derives a valid slot or application name from a host label (`db-2.example` →
 * `db_2_example`), so the domain can name a standby's slot after its host.
 */
export function toSlotName(label: string): string {
  const cleaned = label.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '').slice(0, MAX_IDENTIFIER_BYTES);
  if (cleaned === '') throw new TypeError(`Cannot derive a slot name from ${JSON.stringify(label)}`);
  return cleaned;
}
