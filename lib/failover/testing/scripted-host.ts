import { connectFailure } from '@/lib/pg/connect-errors';
import { explainPsqlFailure } from '@/lib/pg/psql-errors';
import type { PgError } from '@/lib/pg/errors';
import type { PgProbe, PgQueryOptions, PgQueryResult, RemoteExecOptions, RemoteExecResult, RemoteShell, RemoteUser } from '@/lib/replication/engine/ports';
import { formatDuration } from '@/lib/replication/engine/run-operation';
import { connectError, SshError } from '@/lib/ssh/errors';
import type { ShellCommand } from '@/lib/ssh/shell';

/** One command a step sent to a host over the fake SSH layer. */
export interface ShellCall {
  readonly kind: 'shell';
  readonly host: string;
  readonly as: RemoteUser;
  readonly command: string;
  readonly stdin?: string;
}

/** One query a step sent to a host's PostgreSQL through the fake probe. */
export interface SqlCall {
  readonly kind: 'sql';
  readonly host: string;
  readonly sql: string;
  readonly params: Readonly<Record<string, string>>;
}

export type ScriptedCall = ShellCall | SqlCall;

/** What a scripted command answers: its exit (default 0) and output; stdout lines also reach `onLine`. */
export interface ExecReply {
  readonly code?: number | null;
  readonly stdout?: string;
  readonly stderr?: string;
}

/** `hang`: no answer (a host that stopped answering): the call rejects as the real layer would at its `timeoutMs`, or when its signal aborts, else never settles. */
export type ShellAnswer = ExecReply | Error | 'hang';
export type SqlAnswer = readonly Readonly<Record<string, string | null>>[] | Error | 'hang';

/** Exact text (after trimming), a pattern, or a predicate on the rendered text. */
export type CallMatch<C> = string | RegExp | ((text: string, call: C) => boolean);

export interface RuleOptions {
  /** Answers this many calls, then gives way to the rules scripted before it. */
  readonly times?: number;
}

interface Rule<C, A> {
  readonly host: string;
  readonly match: CallMatch<C>;
  readonly answer: A | ((call: C) => A);
  remaining: number;
}

function matches<C>(match: CallMatch<C>, text: string, call: C): boolean {
  if (typeof match === 'string') return match.trim() === text.trim();
  if (match instanceof RegExp) return match.test(text);
  return match(text, call);
}

/** How a call is shown in {@link ScriptedHost.ran} and in the error of an unscripted call. */
export function formatCall(call: ScriptedCall): string {
  if (call.kind === 'shell') return `[${call.host} as ${call.as}] ${call.command}${call.stdin === undefined ? '' : '\n  (stdin)'}`;
  const params = Object.entries(call.params);
  return `[${call.host} psql] ${call.sql.trim()}${params.length === 0 ? '' : `\n  with ${params.map(([key, value]) => `${key}=${value}`).join(', ')}`}`;
}

function pending(host: string, options: { readonly signal?: AbortSignal; readonly timeoutMs?: number }, timedOut: () => Error): Promise<never> {
  return new Promise((_resolve, reject) => {
    const timer = options.timeoutMs === undefined ? null : setTimeout(() => reject(timedOut()), options.timeoutMs);
    options.signal?.addEventListener('abort', () => {
      if (timer !== null) clearTimeout(timer);
      reject(new SshError('aborted', `The command on ${host} was cancelled.`, 'Nothing to do.'));
    }, { once: true });
  });
}

/**
 * A fake fleet for step tests: a {@link RemoteShell} and a {@link PgProbe} that answer by host
 * and by the rendered command or SQL, from rules a test scripts. The newest matching rule
 * answers, so a test can override a default; a rule with `times` steps aside once used up,
 * and an answer may be a function of the call, so state can change between calls (a stop
 * answers, then status probes say stopped). Every call is recorded in order. A call no rule
 * answers is recorded as unscripted and rejected with its text; since steps swallow some
 * errors (probes), {@link assertScripted} must also pass at the end of a test.
 */
export class ScriptedHost {
  readonly calls: ScriptedCall[] = [];
  readonly unscripted: string[] = [];
  readonly #shellRules: Rule<ShellCall, ShellAnswer>[] = [];
  readonly #sqlRules: Rule<SqlCall, SqlAnswer>[] = [];

  readonly shell: RemoteShell = {
    exec: (host: string, command: ShellCommand, options: RemoteExecOptions = {}): Promise<RemoteExecResult> => {
      const call: ShellCall = { kind: 'shell', host, as: options.as ?? 'login', command: command.text, ...(options.stdin === undefined ? {} : { stdin: options.stdin }) };
      const answer = this.#answer(this.#shellRules, call, call.command);
      if (answer === 'hang') return pending(host, options, () => sshCommandTimeout(host, options.timeoutMs ?? 0));
      if (answer instanceof Error) return Promise.reject(answer);
      const stdout = answer.stdout ?? '';
      for (const line of stdout.split('\n')) if (line !== '') options.onLine?.(line, 'stdout');
      return Promise.resolve({ code: answer.code === undefined ? 0 : answer.code, stdout, stderr: answer.stderr ?? '', durationMs: 1 });
    },
  };

  /** Takes a plain `string`, so it stays a {@link PgProbe} whether or not the port's `sql` is branded (SqlText is a string). */
  readonly pg = {
    query: (host: string, sql: string, options: PgQueryOptions = {}): Promise<PgQueryResult> => {
      const call: SqlCall = { kind: 'sql', host, sql, params: { ...options.params, ...options.secretParams } };
      const answer = this.#answer(this.#sqlRules, call, sql);
      if (answer === 'hang') return pending(host, options, () => pgTimeout(host, options.timeoutMs ?? 0));
      if (answer instanceof Error) return Promise.reject(answer);
      return Promise.resolve({ columns: Object.keys(answer[0] ?? {}), rows: answer, durationMs: 1 });
    },
  } satisfies PgProbe;

  /** Scripts what `host` answers to a matching command. */
  onShell(host: string, match: CallMatch<ShellCall>, answer: ShellAnswer | ((call: ShellCall) => ShellAnswer), options: RuleOptions = {}): this {
    this.#shellRules.unshift({ host, match, answer, remaining: options.times ?? Infinity });
    return this;
  }

  /** Scripts the rows (or error) `host`'s PostgreSQL answers to matching SQL. */
  onSql(host: string, match: CallMatch<SqlCall>, answer: SqlAnswer | ((call: SqlCall) => SqlAnswer), options: RuleOptions = {}): this {
    this.#sqlRules.unshift({ host, match, answer, remaining: options.times ?? Infinity });
    return this;
  }

  /** Every call so far (or those to `host`), as `[host as user] command` and `[host psql] sql`. */
  ran(host?: string): string[] {
    return this.calls.filter((call) => host === undefined || call.host === host).map(formatCall);
  }

  /** Throws, listing them, when any call was not scripted. */
  assertScripted(): void {
    if (this.unscripted.length > 0) throw new Error(`Unscripted calls:\n${this.unscripted.join('\n')}`);
  }

  #answer<C extends ScriptedCall, A>(rules: Rule<C, A>[], call: C, text: string): A | Error {
    this.calls.push(call);
    const rule = rules.find((candidate) => candidate.host === call.host && candidate.remaining > 0 && matches(candidate.match, text, call));
    if (!rule) {
      const shown = formatCall(call);
      this.unscripted.push(shown);
      return new Error(`Unscripted call: ${shown}`);
    }
    rule.remaining -= 1;
    return typeof rule.answer === 'function' ? (rule.answer as (call: C) => A)(call) : rule.answer;
  }
}

/** An exit with output. */
export function exit(code: number | null, stdout = '', stderr = ''): ExecReply {
  return { code, stdout, stderr };
}

/** The one row an `... AS ok` query answers: `ok(true)` is `[{ ok: 't' }]`. */
export function ok(value: boolean): SqlAnswer {
  return [{ ok: value ? 't' : 'f' }];
}

/** What the SSH layer throws when the host does not answer within the connect timeout. */
export function sshTimeout(host: string): SshError {
  return connectError(Object.assign(new Error('Timed out while waiting for handshake'), { level: 'client-timeout' }), `root@${host}:22`, 5_000);
}

/** What the SSH layer throws when a connection that went dead does not start a command within its time limit. */
export function sshCommandTimeout(host: string, timeoutMs: number): SshError {
  return new SshError('timeout', `root@${host}:22 did not start the command within ${formatDuration(timeoutMs)}; the connection may be dead.`,
    'Check that the host is up and reachable; the next attempt reconnects.', { target: `root@${host}:22` });
}

/** What the SSH layer throws when nothing listens on the host's SSH port. */
export function sshRefused(host: string): SshError {
  return connectError(Object.assign(new Error(`connect ECONNREFUSED ${host}:22`), { code: 'ECONNREFUSED' }), `root@${host}:22`, 5_000);
}

/** What the PostgreSQL probe throws when the host's PostgreSQL does not answer in time. */
export function pgTimeout(host: string, timeoutMs: number): PgError {
  return connectFailure(Object.assign(new Error('timeout expired'), { code: 'ETIMEDOUT' }), `postgres@${host}:5432/postgres`, timeoutMs);
}

/** What psql over SSH throws when the host's PostgreSQL is not running. */
export function pgNotRunning(host: string): PgError {
  return explainPsqlFailure(`postgres@${host}`, 2, 'psql: error: connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: No such file or directory');
}
