import { vi } from 'vitest';
import { MemoryOperationStore, type MemoryStep } from '@/lib/replication/engine/memory-store';
import { runOperation, type OperationResult } from '@/lib/replication/engine/run-operation';
import type { Step } from '@/lib/replication/engine/types';
import type { ScriptedHost } from './scripted-host';

/** The clock's start in every step run: fake time, so durations in outcomes are exact. */
export const RUN_STARTED_MS = Date.UTC(2025, 0, 1, 12, 0, 0);

export interface StepRun {
  readonly result: OperationResult;
  readonly steps: readonly MemoryStep[];
  /** Each step as `status: outcome`, in plan order. */
  readonly outcomes: readonly string[];
  readonly metrics: Readonly<Record<string, number>> | null;
}

/**
 * Runs `steps` through the real engine against `host`, stored in a {@link MemoryOperationStore},
 * on fake timers: the steps' poll intervals and timeouts pass in fake time (the clock the
 * engine gets reads it), so a 50 s wait takes milliseconds. Fails when any call was unscripted,
 * and when the run stops with no timer pending (a call that hangs without a timeout).
 */
export async function runSteps(steps: readonly Step[], host: ScriptedHost): Promise<StepRun> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: RUN_STARTED_MS });
  try {
    const store = new MemoryOperationStore();
    store.create(1, steps.length);
    let settled = false;
    const work = runOperation({ id: 1 }, steps, store, { now: () => new Date() }, new AbortController().signal, { ports: host, flushIntervalMs: 10 })
      .finally(() => { settled = true; });
    while (!settled) {
      await vi.advanceTimersByTimeAsync(50);
      // Step deadlines are real AbortSignal timeouts, which fake time does not reach: a run with no timer left cannot go on.
      if (!settled && vi.getTimerCount() === 0) throw new Error('The steps stopped without finishing and no timer is pending: some scripted call hangs without a timeout.');
    }
    const result = await work;
    host.assertScripted();
    const operation = store.get(1);
    return { result, steps: operation.steps, outcomes: operation.steps.map((step) => `${step.status}: ${step.outcome ?? ''}`), metrics: operation.metrics };
  } finally {
    vi.useRealTimers();
  }
}
