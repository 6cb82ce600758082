import { OutputTail } from './output-tail';
import type { Clock } from './ports';
import { redact } from './redact';
import type { StepLiveState } from './store';
import type { ProgressReport, StoredProgress } from './types';

export interface RecorderOptions {
  readonly position: number;
  readonly plannedCommands: readonly string[];
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
 */
export class StepRecorder {
  readonly #options: RecorderOptions;
  readonly #tail: OutputTail;
  readonly #executed: string[] = [];
  #progress: StoredProgress | null = null;
  #firstProgress: { at: number; done: number } | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #writing: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(options: RecorderOptions) {
    this.#options = options;
    this.#tail = new OutputTail(options.tailChars);
  }

  log = (line: string): void => {
    for (const part of redact(line, this.#options.secrets).split(/\r\n|\r|\n/)) this.#tail.push(part);
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

  /** Executed commands once any ran, otherwise the planned ones. */
  state(): StepLiveState {
    return {
      position: this.#options.position,
      commands: this.#executed.length > 0 ? [...this.#executed] : [...this.#options.plannedCommands],
      outputTail: this.#tail.text(),
      progress: this.#progress,
    };
  }

  /** Stops background writes and waits for the one in flight; the caller writes the final state. */
  async settle(): Promise<void> {
    this.#closed = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#writing;
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
