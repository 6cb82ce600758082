import { OutputTail } from './output-tail';
import type { Clock } from './ports';
import { redact } from './redact';
import type { StepLiveState } from './store';
import type { ProgressReport, Step, StoredProgress } from './types';

/** What is stored of a step before it runs: its planned commands, redacted, split as readers may see them. */
export type PlannedRecord = Pick<StepLiveState, 'commands' | 'adminDetail'>;

/**
 * A step's planned commands as stored, `secrets` redacted: for a restricted step (with
 * `publicCommands`) those are what everyone reads and its full commands are the admin detail.
 */
export function plannedRecord(step: Step, secrets: readonly string[]): PlannedRecord {
  const { commands, publicCommands } = step.describe();
  const clean = (lines: readonly string[]) => lines.map((line) => redact(line, secrets));
  return publicCommands ? { commands: clean(publicCommands), adminDetail: { commands: clean(commands), outputTail: '' } } : { commands: clean(commands), adminDetail: null };
}

export interface RecorderOptions {
  readonly position: number;
  readonly planned: PlannedRecord;
  readonly secrets: readonly string[];
  readonly clock: Clock;
  readonly tailChars?: number;
  /** Persists live state; called at most once per `flushIntervalMs` while the step runs. */
  readonly flush: (state: StepLiveState) => Promise<void>;
  readonly flushIntervalMs: number;
}

/**
 * Collects one step's executed commands, output tail and progress (all redacted) and
 * writes them through in the background, so a page can follow the step while it runs.
 * For a restricted step (planned with an admin detail) the commands and output go to that
 * detail, and what everyone may read is the public commands and the `note` lines.
 */
export class StepRecorder {
  readonly #options: RecorderOptions;
  readonly #tail: OutputTail;
  /** A restricted step's public commands and output (its notes); null for every other step. */
  readonly #public: { readonly commands: readonly string[]; readonly tail: OutputTail } | null;
  readonly #executed: string[] = [];
  #progress: StoredProgress | null = null;
  #firstProgress: { at: number; done: number } | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #writing: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(options: RecorderOptions) {
    this.#options = options;
    this.#tail = new OutputTail(options.tailChars);
    this.#public = options.planned.adminDetail ? { commands: options.planned.commands, tail: new OutputTail(options.tailChars) } : null;
  }

  log = (line: string): void => {
    for (const part of this.#lines(line)) this.#tail.push(part);
    this.#schedule();
  };

  note = (line: string): void => {
    for (const part of this.#lines(line)) {
      this.#tail.push(part);
      this.#public?.tail.push(part);
    }
    this.#schedule();
  };

  record = (command: string): void => {
    this.#executed.push(redact(command, this.#options.secrets));
    this.#schedule();
  };

  progress = (report: ProgressReport): void => {
    const now = this.#options.clock.now().getTime();
    this.#firstProgress ??= { at: now, done: report.done };
    const seconds = (now - this.#firstProgress.at) / 1000;
    const rate = seconds > 0 ? (report.done - this.#firstProgress.done) / seconds : null;
    const remaining = report.total === null ? null : Math.max(0, report.total - report.done);
    const eta = remaining === null || rate === null || rate <= 0 ? null : Math.round(remaining / rate);
    this.#progress = {
      done: report.done,
      total: report.total,
      unit: report.unit ?? 'bytes',
      ratePerSecond: rate,
      etaSeconds: eta,
      at: new Date(now).toISOString(),
      ...(report.label === undefined ? {} : { label: redact(report.label, this.#options.secrets) }),
    };
    this.#schedule();
  };

  /** Executed commands once any ran, otherwise the planned ones; for a restricted step, in its admin detail. */
  state(): StepLiveState {
    const commands = [...(this.#executed.length > 0 ? this.#executed : (this.#options.planned.adminDetail ?? this.#options.planned).commands)];
    const shared = { position: this.#options.position, progress: this.#progress };
    return this.#public
      ? { ...shared, commands: [...this.#public.commands], outputTail: this.#public.tail.text(), adminDetail: { commands, outputTail: this.#tail.text() } }
      : { ...shared, commands, outputTail: this.#tail.text(), adminDetail: null };
  }

  /** Stops background writes and waits for the one in flight; the caller writes the final state. */
  async settle(): Promise<void> {
    this.#closed = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#writing;
  }

  #lines(text: string): string[] {
    return redact(text, this.#options.secrets).split(/\r\n|\r|\n/);
  }

  #schedule(): void {
    if (this.#timer !== null || this.#closed) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      const state = this.state();
      this.#writing = this.#writing.then(() => this.#options.flush(state)).catch(() => undefined);
    }, this.#options.flushIntervalMs);
  }
}
