import type { Action, Check, PlannedStep, SetupPlan } from './plan-types';

/** Test helpers: find steps and collect every command and SQL text a plan holds. */
export function stepById(plan: SetupPlan, id: string): PlannedStep {
  const step = plan.steps.find((candidate) => candidate.id === id);
  if (!step) throw new Error(`No step ${id} in ${plan.steps.map((s) => s.id).join(', ')}`);
  return step;
}

function checkTexts(check: Check): string[] {
  if (check.kind === 'sql') return [check.sql, ...Object.values(check.params)];
  if (check.kind === 'shell') return [check.command.text];
  if (check.kind === 'any' || check.kind === 'all') return check.of.flatMap(checkTexts);
  return [];
}

function actionTexts(action: Action): string[] {
  switch (action.kind) {
    case 'sql': return [action.sql, ...Object.values(action.params)];
    case 'shell': return [action.command.text];
    case 'shell-if': return [action.command.text, ...checkTexts(action.when)];
    case 'hba-edit': return [action.file, ...action.lines];
    case 'tandem-hba-edit': return [action.file, action.role];
    case 'issue-certificate': return [...action.addresses, ...action.dnsNames];
    case 'wait': return checkTexts(action.until);
  }
}

export function stepTexts(step: PlannedStep): string[] {
  return [...checkTexts(step.check), ...step.actions.flatMap(actionTexts), ...checkTexts(step.verify), ...(step.config ?? []).flatMap((c) => c.lines)];
}

export function planText(plan: SetupPlan): string {
  return plan.steps.flatMap(stepTexts).join('\n');
}

export function shellTexts(step: PlannedStep): string[] {
  return step.actions.flatMap((action) => (action.kind === 'shell' || action.kind === 'shell-if' ? [action.command.text] : []));
}
