import 'server-only';
import { planSetup } from '@/lib/replication/plan-setup';
import type { SetupPlan } from '@/lib/replication/plan-types';
import { runPreflight } from '@/lib/replication/preflight';
import type { PreflightCheck } from '@/lib/replication/preflight-types';
import { renderRunbook, runbookText, type RunbookStep } from '@/lib/replication/runbook';
import type { SetupOptions, SetupSnapshot } from '@/lib/replication/setup-types';
import { gatherSetupSnapshot } from './gather-snapshot';
import { membershipConflict } from './membership';
import { setupOptionsFrom } from './setup-options';
import type { SetupForm } from './wizard-schema';

export interface PreparedSetup {
  ok: true;
  checks: PreflightCheck[];
  canRun: boolean;
  snapshot: SetupSnapshot;
  options: SetupOptions;
  plan: SetupPlan;
  runbook: RunbookStep[];
  runbookText: string;
}

export type SetupRefusal = { ok: false; message: string; fieldErrors?: Record<string, string[]> };

/**
 * Everything before a setup may run, done fresh from the hosts: membership, snapshot,
 * validation of every value that would reach a command, preflight, and the plan.
 * Changes nothing on any host.
 */
export async function prepareSetup(form: SetupForm): Promise<PreparedSetup | SetupRefusal> {
  const conflict = await membershipConflict(form.clusterName, [form.primaryId, ...form.replicaIds]);
  if (conflict) return conflict.field ? { ok: false, message: 'Some fields need attention.', fieldErrors: { [conflict.field]: [conflict.message] } } : { ok: false, message: conflict.message };
  const options = setupOptionsFrom(form);
  const snapshot = await gatherSetupSnapshot(form.primaryId, form.replicaIds);
  const planned = planSetup(snapshot, options);
  if (!planned.ok) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of planned.issues) (fieldErrors[issue.field.split('.')[0] ?? issue.field] ??= []).push(issue.message);
    return { ok: false, message: 'Some values cannot be used safely in commands; nothing was run.', fieldErrors };
  }
  const preflight = runPreflight(snapshot, options);
  const runbook = renderRunbook(planned.plan);
  return {
    ok: true,
    checks: [...preflight.checks],
    canRun: preflight.canRun,
    snapshot,
    options,
    plan: planned.plan,
    runbook,
    runbookText: runbookText(planned.plan, runbook),
  };
}
