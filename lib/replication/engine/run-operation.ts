import { asSentence } from '@/lib/format/sentence';
import type { Clock } from './ports';
import { redact } from './redact';
import { plannedRecord, StepRecorder } from './step-recorder';
import type { FinishedOperationStatus, FinishedStepStatus, OperationStore } from './store';
import { isConnectionLost, type Step, type StepContext, type StepPorts, type StepStatus } from './types';

export interface OperationRun {
  readonly id: number;
  /** Statuses the steps had before a resume; a step that succeeded and still checks out keeps `succeeded`. */
  readonly previous?: readonly StepStatus[];
}

export interface RunOptions {
  readonly ports?: StepPorts;
  /** Values redacted from every stored command, output line and outcome. */
  readonly secrets?: readonly string[];
  /** How often live output and progress are written while a step runs; default 500 ms. */
  readonly flushIntervalMs?: number;
  readonly tailChars?: number;
}

export interface OperationResult {
  readonly status: FinishedOperationStatus;
  readonly outcome: string;
}

const noPorts: StepPorts = {
  shell: { exec: () => Promise.reject(new Error('No remote shell was given to this operation.')) },
  pg: { query: () => Promise.reject(new Error('No PostgreSQL probe was given to this operation.')) },
};

type StepEndKind = { status: FinishedStepStatus; outcome: string };

/** A step whose connection dropped mid-command is taken again, from its check, this many times in all. */
const CONNECTION_LOST_ATTEMPTS = 2;

/**
 * Executes an operation's steps in order and persists every transition through `store`.
 * For each step: `check`; when the end state already holds the step is skipped, otherwise
 * `run` then `verify`, all within the step's deadline and the cancel `signal`. The first
 * failure ends the operation with a one-sentence outcome, except a dropped connection
 * (`isConnectionLost`): that step is taken once more from its check. A cancel marks the current step
 * and the operation `cancelled`. Running it again on the same steps is a resume: steps
 * whose `check` holds are passed over and work restarts at the first one whose check fails.
 * Before: the operation and its steps exist in the store, in this order. After: the
 * operation has a final status, unless the store itself failed (then this rejects).
 */
export async function runOperation(operation: OperationRun, steps: readonly Step[], store: OperationStore, clock: Clock, signal: AbortSignal, options: RunOptions = {}): Promise<OperationResult> {
  const secrets = options.secrets ?? [];
  const started = clock.now();
  let stepsRun = 0;
  let stepsSkipped = 0;
  const figures: Record<string, number> = {};
  const metric = (name: string, value: number): void => {
    if (Number.isFinite(value)) figures[name] = value;
  };
  await store.operationStarted(operation.id, started);

  const finish = async (status: FinishedOperationStatus, outcome: string): Promise<OperationResult> => {
    const at = clock.now();
    const clean = redact(outcome, secrets);
    await store.operationFinished(operation.id, {
      status, at, outcome: clean,
      metrics: { ...figures, durationMs: at.getTime() - started.getTime(), stepsRun, stepsSkipped },
    });
    return { status, outcome: clean };
  };

  for (const [position, step] of steps.entries()) {
    const label = `step ${position + 1} “${step.name}”${step.host ? ` on ${step.host}` : ''}`;
    const recorder = new StepRecorder({
      position, secrets, clock,
      planned: plannedRecord(step, secrets),
      flush: (state) => store.stepUpdated(operation.id, state),
      flushIntervalMs: options.flushIntervalMs ?? 500,
      ...(options.tailChars === undefined ? {} : { tailChars: options.tailChars }),
    });
    if (signal.aborted) {
      await endStep(store, operation.id, recorder, clock, { status: 'cancelled', outcome: `Cancelled before it started${byWhom(signal)}.` });
      return finish('cancelled', `Cancelled before ${label}${byWhom(signal)}.`);
    }
    await store.stepStarted(operation.id, position, clock.now());
    const executed = await executeStep(step, recorder, options.ports ?? noPorts, clock, signal, operation.previous?.[position], metric);
    const end = { ...executed, outcome: redact(executed.outcome, secrets) };
    await endStep(store, operation.id, recorder, clock, end);
    if (end.status === 'skipped' || (end.status === 'succeeded' && end.kept)) stepsSkipped += 1;
    else stepsRun += 1;
    if (end.status === 'cancelled') return finish('cancelled', `Cancelled during ${label}${byWhom(signal)}.`);
    if (end.status === 'failed') return finish('failed', `Failed at ${label}: ${end.outcome}`);
  }
  const skippedNote = stepsSkipped > 0 ? ` (${stepsSkipped} already in place)` : '';
  return finish('succeeded', `All ${steps.length} steps succeeded${skippedNote}.`);
}

async function executeStep(step: Step, recorder: StepRecorder, ports: StepPorts, clock: Clock, cancel: AbortSignal, previous: StepStatus | undefined, metric: (name: string, value: number) => void): Promise<StepEndKind & { kept?: boolean }> {
  const deadline = AbortSignal.timeout(step.deadlineMs);
  const signal = AbortSignal.any([cancel, deadline]);
  const ctx: StepContext = { ...ports, clock, signal, log: recorder.log, note: recorder.note, record: recorder.record, progress: recorder.progress, metric };
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await attemptStep(step, ctx, signal, previous, attempt > 1);
    } catch (error: unknown) {
      if (cancel.aborted) return { status: 'cancelled', outcome: `Cancelled while it ran${byWhom(cancel)}; check the host before running it again.` };
      if (deadline.aborted) return { status: 'failed', outcome: `Did not finish within ${formatDuration(step.deadlineMs)} and was stopped.` };
      const message = errorSentence(error);
      recorder.log(`error: ${message}`);
      if (attempt < CONNECTION_LOST_ATTEMPTS && isConnectionLost(error)) {
        recorder.log('the connection dropped while a command ran: reconnecting and checking the step again before anything is redone');
        continue;
      }
      const hint = hintOf(error);
      if (hint) recorder.log(`hint: ${hint}`);
      return { status: 'failed', outcome: message };
    }
  }
}

/** Check, then run and verify unless the end state already holds (on a retry, possibly the first attempt's work). */
async function attemptStep(step: Step, ctx: StepContext, signal: AbortSignal, previous: StepStatus | undefined, retry: boolean): Promise<StepEndKind & { kept?: boolean }> {
  if (await untilAborted(step.check(ctx), signal)) {
    if (retry) return { status: 'succeeded', outcome: 'Done: the end state holds, checked again after the connection dropped.' };
    return previous === 'succeeded'
      ? { status: 'succeeded', outcome: 'Done earlier, and still in place.', kept: true }
      : { status: 'skipped', outcome: `Already in place: ${step.name}.` };
  }
  await untilAborted(step.run(ctx), signal);
  const verified = await untilAborted(step.verify(ctx), signal);
  return { status: 'succeeded', outcome: typeof verified === 'string' && verified !== '' ? verified : 'Done and verified.' };
}

async function endStep(store: OperationStore, operationId: number, recorder: StepRecorder, clock: Clock, end: StepEndKind): Promise<void> {
  await recorder.settle();
  await store.stepFinished(operationId, { ...recorder.state(), status: end.status, outcome: end.outcome, at: clock.now() });
}

function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(new Error('aborted'));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => { signal.removeEventListener('abort', onAbort); resolve(value); },
      (error: unknown) => { signal.removeEventListener('abort', onAbort); reject(error); },
    );
  });
}

function byWhom(signal: AbortSignal): string {
  return typeof signal.reason === 'string' && signal.reason !== '' ? ` by ${signal.reason}` : '';
}

function errorSentence(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split('\n').find((part) => part.trim() !== '')?.trim() ?? 'The step failed without a message.';
  return asSentence(line);
}

function hintOf(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('hint' in error)) return null;
  return typeof error.hint === 'string' && error.hint !== '' ? error.hint : null;
}

/** `1.5 s`, `2 min`, `250 ms`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${Math.round(ms / 100) / 10} s`;
  return `${Math.round(ms / 6000) / 10} min`;
}
