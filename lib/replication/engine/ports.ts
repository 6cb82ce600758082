import type { SqlText } from '@/lib/pg/sql';
import type { ShellCommand } from '@/lib/ssh/shell';

/** Which account a remote command runs as on a managed host. */
export type RemoteUser = 'login' | 'root' | 'postgres';

export interface RemoteExecOptions {
  readonly as?: RemoteUser;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  readonly stdin?: string;
}

export interface RemoteExecResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
}

/**
 * Runs commands on a managed host, named as in the inventory. A non-zero exit is a result;
 * it rejects only when the outcome is unknown (unreachable, timeout, cancelled).
 */
export interface RemoteShell {
  exec(host: string, command: ShellCommand, options?: RemoteExecOptions): Promise<RemoteExecResult>;
}

export interface PgQueryOptions {
  /** Values the SQL reads as `:'name'` or `:"name"`. */
  readonly params?: Readonly<Record<string, string>>;
  /** Like `params`, and never shown in errors or logs. */
  readonly secretParams?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export interface PgQueryResult {
  readonly columns: readonly string[];
  readonly rows: readonly Readonly<Record<string, string | null>>[];
  readonly durationMs: number;
}

/** Runs SQL on a managed host's own PostgreSQL as the postgres OS user; only SQL Tandem wrote ({@link SqlText}). */
export interface PgProbe {
  query(host: string, sql: SqlText, options?: PgQueryOptions): Promise<PgQueryResult>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
