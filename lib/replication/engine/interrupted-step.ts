/** The outcome of a step that was running when Tandem stopped; the operation page recognises it. */
export const INTERRUPTED_STEP_OUTCOME = 'Interrupted: Tandem stopped while this step ran, so whether it finished is unknown.';

/**
 * The last moment Tandem knew an interrupted step was running: its last progress report
 * when that is later than its start, else its start. Tandem keeps no other time for a
 * running step, and the restart that found it came later by an unknown margin, so a
 * duration measured to the restart (a fence killed 67 ms in showing "12.4 s") would be made up.
 */
export function lastKnownRunningAt(startedAt: Date, progressAt: string | null | undefined): Date {
  const progressed = progressAt ? Date.parse(progressAt) : Number.NaN;
  return Number.isFinite(progressed) && progressed > startedAt.getTime() ? new Date(progressed) : startedAt;
}

/** Whether a stored step is one Tandem stopped under (marked failed with the interrupted outcome). */
export function isInterruptedStep(step: { readonly status: string; readonly outcome: string | null }): boolean {
  return step.status === 'failed' && step.outcome === INTERRUPTED_STEP_OUTCOME;
}
