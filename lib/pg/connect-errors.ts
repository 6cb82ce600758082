import { isSshError } from '../ssh/errors';
import { isPgError, PgError } from './errors';

interface DriverError {
  readonly message: string;
  readonly code?: string;
}

function asDriverError(error: unknown): DriverError {
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    return { message: error.message, ...(typeof code === 'string' ? { code } : {}) };
  }
  return { message: String(error) };
}

/**
 * Maps what node-postgres or the SSH tunnel reported while connecting to a PgError a
 * DBA can act on. `where` names user, host, port and database, never the password.
 */
export function connectFailure(error: unknown, where: string, timeoutMs: number): PgError {
  if (isPgError(error)) return error;
  if (isSshError(error)) {
    return new PgError('tunnel-failed', `The SSH tunnel for ${where} could not be opened: ${error.message}`, error.hint, { target: where });
  }
  const { message, code } = asDriverError(error);
  const server = code && /^[0-9A-Z]{5}$/.test(code) ? { sqlState: code, serverMessage: message } : {};
  const details = { target: where, ...server };
  if (code === '28P01' || /password authentication failed/.test(message)) {
    return new PgError('auth-failed', `PostgreSQL rejected the password for ${where}.`,
      'Check the user name and password saved for this host (the role must exist and have LOGIN).', details);
  }
  if (/no pg_hba\.conf entry/.test(message)) {
    return new PgError('no-hba-entry', `PostgreSQL on ${where} has no pg_hba.conf entry allowing this connection: ${message}`,
      'Add a "host" line for this user and Tandem’s address to pg_hba.conf on the host and reload PostgreSQL.', details);
  }
  if (code === '3D000') {
    return new PgError('database-missing', `${message} (${where}).`, 'Check the database name in the host’s settings.', details);
  }
  if (code === '57P03') {
    return new PgError('server-not-ready', `PostgreSQL on ${where} is not accepting connections: ${message}`, 'Wait for it to finish starting or recovering, then retry.', details);
  }
  if (code === '53300') {
    return new PgError('too-many-connections', `PostgreSQL on ${where} has no free connection slots.`, 'Close idle sessions or raise max_connections.', details);
  }
  if (code === '28000') {
    return new PgError('auth-failed', `PostgreSQL refused ${where}: ${message}`, 'Check the role exists, may log in, and the pg_hba.conf method for it.', details);
  }
  if (code === 'ECONNREFUSED') {
    return new PgError('refused', `Nothing accepts PostgreSQL connections at ${where}.`,
      'Check that PostgreSQL runs, listens on this address (listen_addresses) and port.', details);
  }
  if (code === 'ETIMEDOUT' || /timeout/i.test(message)) {
    return new PgError('timeout', `No answer from PostgreSQL at ${where} within ${Math.round(timeoutMs / 100) / 10} s.`,
      'Check the address, that the host is up, and that no firewall drops port 5432.', details);
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new PgError('unreachable', `${where} cannot be reached (${code}).`, 'Check the address and the network path to the host.', details);
  }
  return new PgError('connect-failed', `Could not connect to PostgreSQL at ${where}: ${message}`, 'Check the host’s connection settings.', details);
}
