import 'server-only';
import { randomBytes } from 'node:crypto';
import { getSshPool, type SshPool } from '../ssh/pool';
import { sh } from '../ssh/shell';
import { describeTarget, type SshTarget } from '../ssh/target';
import { buildConninfo } from './conninfo';
import { parseCsv } from './csv';
import { PgError, redact } from './errors';
import { explainPsqlFailure } from './psql-errors';
import { assertParameterName } from './quote-ident';
import type { SqlText } from './sql';

export interface PsqlOptions {
  /** Default `postgres`. */
  readonly database?: string;
  /** Port of the local cluster (Debian picks the cluster by port); default 5432. */
  readonly port?: number;
  /** Values the SQL reads as `:'name'` (literal) or `:"name"` (identifier). */
  readonly params?: Readonly<Record<string, string>>;
  /** Like `params`, and also redacted from every error this function raises. */
  readonly secretParams?: Readonly<Record<string, string>>;
  /** Wrap the whole script in one transaction (psql `-1`). */
  readonly singleTransaction?: boolean;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Cap on psql's output; exceeding it is an error, never a silently cut result. Default 16 MiB. */
  readonly maxOutputBytes?: number;
  readonly pool?: SshPool;
}

export interface PsqlResult {
  /** Column names of the result; empty when no statement returned rows. */
  readonly columns: string[];
  /** One object per row; SQL NULL is `null`. With duplicate column names the last wins. */
  readonly rows: Record<string, string | null>[];
  readonly durationMs: number;
}

/**
 * Quotes a value as one single-quoted psql meta-command argument: `'` doubled, `\`
 * doubled, and control characters written as 3-digit octal escapes so the `\set` line
 * stays one line. psql turns it back into exactly the original string.
 */
export function psqlArgument(value: string): string {
  if (value.includes('\0')) throw new TypeError('psql parameters cannot contain a NUL byte');
  let out = "'";
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (char === "'") out += "''";
    else if (char === '\\') out += '\\\\';
    else if (code < 0x20 || code === 0x7f) out += `\\${code.toString(8).padStart(3, '0')}`;
    else out += char;
  }
  return `${out}'`;
}

/** Builds psql's stdin: settings, one `\set` per parameter, then the SQL. */
export function buildPsqlInput(sql: SqlText, params: Readonly<Record<string, string>>, nullMarker: string): string {
  const lines = ['\\set ON_ERROR_STOP on', '\\set VERBOSITY verbose', `\\pset null ${psqlArgument(nullMarker)}`];
  for (const [name, value] of Object.entries(params)) lines.push(`\\set ${assertParameterName(name)} ${psqlArgument(value)}`);
  return `${lines.join('\n')}\n${sql}\n`;
}

function toRows(stdout: string, nullMarker: string): Pick<PsqlResult, 'columns' | 'rows'> {
  const records = parseCsv(stdout);
  const [header, ...data] = records;
  if (!header) return { columns: [], rows: [] };
  const rows = data.map((record) => {
    if (record.length !== header.length) {
      throw new SyntaxError(`psql output has ${record.length} fields where ${header.length} were expected; run one row-returning statement per call`);
    }
    const row: Record<string, string | null> = {};
    header.forEach((column, index) => {
      const value = record[index] ?? null;
      row[column] = value === nullMarker ? null : value;
    });
    return row;
  });
  return { columns: header, rows };
}

/**
 * Runs SQL on a managed host as the `postgres` OS user over SSH (peer authentication, no
 * database password), the way setup steps run SQL. Parameters travel on psql's stdin as
 * `\set` lines, never on a command line; the SQL must reference them as `:'name'` or
 * `:"name"` (a bare `:name` would be pasted unquoted). At most one statement of the
 * script may return rows (psql prints result sets back to back). On an SQL error
 * (ON_ERROR_STOP) raises PgError `sql-error` with the server's message and SQLSTATE;
 * statements before the failing one have run unless `singleTransaction` is set.
 */
export async function psqlOverSsh(target: SshTarget, sql: SqlText, options: PsqlOptions = {}): Promise<PsqlResult> {
  const port = options.port ?? 5432;
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new TypeError(`Invalid PostgreSQL port ${port}`);
  const params = { ...options.params, ...options.secretParams };
  const secrets = Object.values(options.secretParams ?? {});
  const nullMarker = `\\N${randomBytes(16).toString('hex')}`;
  const conninfo = buildConninfo({ dbname: options.database ?? 'postgres', port });
  const flags = options.singleTransaction ? ['-1'] : [];
  const command = sh`PGAPPNAME=tandem PGCLIENTENCODING=UTF8 exec psql -X -q -w --csv ${flags} -d ${conninfo}`;
  const pool = options.pool ?? getSshPool();
  const result = await pool.exec(target, command, {
    as: 'postgres',
    stdin: buildPsqlInput(sql, params, nullMarker),
    timeoutMs: options.timeoutMs ?? 60_000,
    maxOutputBytes: options.maxOutputBytes ?? 16 * 1024 * 1024,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const where = `${describeTarget(target)} (psql, port ${port})`;
  if (result.code !== 0) throw explainPsqlFailure(where, result.code, redact(result.stderr, secrets));
  if (result.truncated) {
    throw new PgError('output-too-large', `The result from ${where} exceeded the output limit.`,
      'Select fewer rows or columns, or raise maxOutputBytes.', { target: where });
  }
  return { ...toRows(result.stdout, nullMarker), durationMs: result.durationMs };
}
