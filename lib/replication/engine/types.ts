import type { Clock, PgProbe, RemoteShell } from './ports';

export type StepStatus = 'pending' | 'running' | 'succeeded' | 'skipped' | 'failed' | 'cancelled';
export type OperationStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'interrupted' | 'cancelled';

export interface ProgressReport {
  readonly done: number;
  readonly total: number | null;
  readonly label?: string;
  /** How `done` and `total` are counted; default bytes. */
  readonly unit?: 'bytes' | 'count';
}

/** A progress report as stored: with the rate seen so far and, when the total is known, an ETA. */
export interface StoredProgress extends ProgressReport {
  readonly unit: 'bytes' | 'count';
  readonly ratePerSecond: number | null;
  readonly etaSeconds: number | null;
  readonly at: string;
}

export interface StepPorts {
  readonly shell: RemoteShell;
  readonly pg: PgProbe;
}

export interface StepContext extends StepPorts {
  readonly clock: Clock;
  /** Cancel or the step's deadline; pass it to every remote call. */
  readonly signal: AbortSignal;
  /** One line of output for the step's tail (secrets are redacted by the engine). */
  log(line: string): void;
  /**
   * One line anyone who may read the operation may read. The same as `log`, except in a step
   * with `publicCommands`: there these lines are all of its output that readers other than
   * admins see.
   */
  note(line: string): void;
  progress(report: ProgressReport): void;
  /** The exact command or SQL just executed (secrets are redacted by the engine). */
  record(command: string): void;
  /** A named figure (e.g. an RTO in ms) kept in the operation's metrics when it ends. */
  metric?(name: string, value: number): void;
}

export interface StepDescription {
  /** Exact commands, SQL and configuration lines, secrets already redacted. */
  readonly commands: readonly string[];
  /**
   * Set for a step whose commands and output only admins may read (routing hooks run as
   * root): what other readers see in place of `commands`, with the step's `note` lines in
   * place of its output.
   */
  readonly publicCommands?: readonly string[];
}

/**
 * One idempotent unit of an operation. `check` says whether the end state already holds
 * (so re-running is safe), `run` does the work, `verify` proves the end state and may
 * return a one-sentence outcome.
 */
export interface Step {
  readonly name: string;
  readonly host: string | null;
  /** Budget for the whole step (check, run and verify). */
  readonly deadlineMs: number;
  describe(): StepDescription;
  check(ctx: StepContext): Promise<boolean>;
  run(ctx: StepContext): Promise<void>;
  verify(ctx: StepContext): Promise<void | string>;
}

/**
 * True for an error a port raises when its connection dropped while a remote call ran, so
 * whether the call took effect is unknown (the SSH layer's `disconnected`). Such a step is
 * safe to take again from its `check`, which finds out.
 */
export function isConnectionLost(error: unknown): boolean {
  return error instanceof Error && 'connectionLost' in error && error.connectionLost === true;
}

/** A step's expected failure: `message` is the one sentence shown as its outcome. */
export class StepFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StepFailure';
  }
}
