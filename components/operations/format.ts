import type { OperationStepView } from '@/lib/db/operations-read';
import { isInterruptedStep, lastKnownRunningAt } from '@/lib/replication/engine/interrupted-step';
import type { OperationStatus, StepStatus } from '@/lib/replication/engine/types';

/** `250 ms`, `4.2 s`, `3 min 5 s`, `2 h 10 min`. */
export function formatElapsed(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${Math.round(ms / 100) / 10} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

/** Milliseconds between two ISO times, or from `start` to `now` while unfinished; null without a start. */
export function spanMs(start: string | null, end: string | null, now: number | null): number | null {
  if (!start) return null;
  const until = end ? Date.parse(end) : now;
  return until === null ? null : until - Date.parse(start);
}

/**
 * A step's shown duration: to now while it runs, to its end once finished. A step Tandem
 * stopped under is shown as a lower bound up to the last moment Tandem knew it ran (its last
 * progress report, else its start), never up to the restart that found it: `interrupted after ≥ 67 ms`.
 */
export function stepDuration(step: Pick<OperationStepView, 'status' | 'outcome' | 'startedAt' | 'finishedAt' | 'progress'>, now: number | null): string | null {
  if (step.startedAt && isInterruptedStep(step)) {
    const started = new Date(step.startedAt);
    return `interrupted after ≥ ${formatElapsed(lastKnownRunningAt(started, step.progress?.at).getTime() - started.getTime())}`;
  }
  const elapsed = spanMs(step.startedAt, step.finishedAt, step.status === 'running' ? now : null);
  return elapsed === null ? null : formatElapsed(elapsed);
}

/** `2026-11-22 05:33:11` in the viewer's time zone is not stable across server and browser, so UTC it is. */
export function formatTime(iso: string | null): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC` : '—';
}

export function isActiveStatus(status: OperationStatus): boolean {
  return status === 'pending' || status === 'running';
}

export type Tone = 'neutral' | 'good' | 'warn' | 'bad';

export const STATUS_TONE: Record<OperationStatus | StepStatus, Tone> = {
  pending: 'neutral',
  running: 'warn',
  succeeded: 'good',
  skipped: 'neutral',
  failed: 'bad',
  interrupted: 'bad',
  cancelled: 'neutral',
};
