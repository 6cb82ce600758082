import { describeCheck } from './plan-checks';
import { describePlannedStep } from './plan-step';
import type { SetupPlan, StepPhase } from './plan-types';

export interface RunbookStep {
  title: string;
  host: string;
  phase: StepPhase;
  why: string;
  skipWhen: string;
  commands: string[];
  verify: string;
}

/**
 * The plan as a runbook a DBA can read and copy: per step its host, why it exists, the
 * check that makes it a no-op, the exact commands, SQL and config lines, and the proof.
 * Secrets appear only as names.
 */
export function renderRunbook(plan: SetupPlan): RunbookStep[] {
  return plan.steps.map((step) => ({
    title: step.title,
    host: step.host,
    phase: step.phase,
    why: step.why,
    skipWhen: describeCheck(step.check),
    commands: describePlannedStep(step),
    verify: describeCheck(step.verify),
  }));
}

/** The runbook as one plain-text document, for the copy button. */
export function runbookText(plan: SetupPlan, steps: RunbookStep[]): string {
  const header = [`# Tandem ${plan.kind} plan for cluster ${plan.clusterName}`, ...plan.notes.map((note) => `# note: ${note}`)];
  const body = steps.map((step, index) =>
    [`## ${index + 1}. ${step.title} (${step.host})`, `# ${step.why}`, `# skipped when: ${step.skipWhen.replaceAll('\n', '\n#   ')}`, ...step.commands, `# verified by: ${step.verify.replaceAll('\n', '\n#   ')}`].join('\n'),
  );
  return [...header, '', ...body].join('\n\n');
}
