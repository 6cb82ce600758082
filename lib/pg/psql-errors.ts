import { PgError } from './errors';

const SERVER_LINE = /(?:^|: )(ERROR|FATAL|PANIC):\s+(?:([0-9A-Z]{5}):\s+)?(.*)$/m;
const TAIL_CHARS = 2_000;

/**
 * Explains a failed psql run from its exit status and (already redacted) stderr:
 * 3 is an SQL error under ON_ERROR_STOP, 2 a connection that failed or broke.
 */
export function explainPsqlFailure(where: string, code: number | null, stderr: string): PgError {
  const stderrTail = stderr.slice(-TAIL_CHARS);
  const server = SERVER_LINE.exec(stderr);
  const serverMessage = server?.[3]?.trim();
  const sqlState = server?.[2];
  const details = { target: where, stderrTail, ...(sqlState ? { sqlState } : {}), ...(serverMessage ? { serverMessage } : {}) };

  if (code === 3 && serverMessage) {
    return new PgError('sql-error', `SQL failed on ${where}: ${serverMessage}${sqlState ? ` (SQLSTATE ${sqlState})` : ''}`,
      'Statements before the failing one have already run unless the script ran as one transaction.', details);
  }
  if (/database ".*" does not exist/.test(stderr)) {
    return new PgError('database-missing', `The database does not exist on ${where}.`, 'Check the database name in the host’s settings.', details);
  }
  if (/the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)/.test(stderr)) {
    return new PgError('server-not-ready', `PostgreSQL on ${where} is not accepting connections yet.`, 'Wait for it to finish starting or recovering, then retry.', details);
  }
  if (/No such file or directory|Connection refused|could not connect to server/.test(stderr)) {
    return new PgError('refused', `PostgreSQL is not running on ${where}, or not on that port.`,
      'Check `pg_lsclusters` on the host and start the cluster, or fix the port.', details);
  }
  if (/command not found|psql: not found/.test(stderr)) {
    return new PgError('connect-failed', `psql is not installed on ${where}.`, 'Install the postgresql-client package on the host.', details);
  }
  const first = stderr.split('\n').find((line) => line.trim() !== '') ?? `psql exited with status ${String(code)}`;
  return new PgError('connect-failed', `psql failed on ${where}: ${first.trim()}`, 'See the output for details.', details);
}
