export type PgErrorCode =
  | 'auth-failed'
  | 'no-hba-entry'
  | 'refused'
  | 'unreachable'
  | 'timeout'
  | 'database-missing'
  | 'server-not-ready'
  | 'too-many-connections'
  | 'tunnel-failed'
  | 'sql-error'
  | 'output-too-large'
  | 'connect-failed';

export interface PgErrorDetails {
  /** `user@host:port/database`, never with a password. */
  readonly target?: string;
  /** The server's SQLSTATE, when the server answered. */
  readonly sqlState?: string;
  /** The server's message text (secrets redacted), when the server answered. */
  readonly serverMessage?: string;
  readonly stderrTail?: string;
}

/**
 * The error lib/pg throws for expected failures talking to a managed PostgreSQL: a
 * stable `code`, a readable `message` and a one-line `hint`. Never holds a password.
 */
export class PgError extends Error {
  readonly code: PgErrorCode;
  readonly hint: string;
  readonly details: PgErrorDetails;

  constructor(code: PgErrorCode, message: string, hint: string, details: PgErrorDetails = {}) {
    super(message);
    this.name = 'PgError';
    this.code = code;
    this.hint = hint;
    this.details = details;
  }
}

export function isPgError(value: unknown, ...codes: PgErrorCode[]): value is PgError {
  // By name, not instanceof: Next bundles this module more than once, and an error made
  // by one copy must be recognised by another.
  if (!(value instanceof Error) || value.name !== 'PgError' || !('code' in value) || !('hint' in value)) return false;
  return codes.length === 0 || codes.includes(value.code as PgErrorCode);
}

/** Replaces every appearance of each secret (raw, and as SQL-quoted) with `***`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    for (const form of new Set([secret, secret.replaceAll("'", "''"), secret.replaceAll("'", "''").replaceAll('\\', '\\\\')])) {
      out = out.split(form).join('***');
    }
  }
  return out;
}
