import 'server-only';
import { planSetup } from '@/lib/replication/plan-setup';
import type { SetupPlan } from '@/lib/replication/plan-types';
import { runPreflight } from '@/lib/replication/preflight';
import type { PreflightCheck } from '@/lib/replication/preflight-types';
import { renderRunbook, runbookText, type RunbookStep } from '@/lib/replication/runbook';
import { optionIssues } from '@/lib/replication/validate-setup';
import type { FieldIssue } from '@/lib/replication/names';
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
  /** Null while preflight fails: a plan needs every host's facts. */
  plan: SetupPlan | null;
  runbook: RunbookStep[];
  runbookText: string;
}

export type SetupRefusal = { ok: false; message: string; fieldErrors?: Record<string, string[]> };

/**
 * Everything before a setup may run: the DBA's values are validated before any host is
 * contacted, then, fresh from the hosts, membership, snapshot, preflight and (only when
 * preflight passes) the plan. Changes nothing on any host.
 */
export async function prepareSetup(form: SetupForm): Promise<PreparedSetup | SetupRefusal> {
  const conflict = await membershipConflict(form.clusterName, [form.primaryId, ...form.replicaIds]);
  if (conflict) return conflict.field ? { ok: false, message: 'Some fields need attention.', fieldErrors: { [conflict.field]: [conflict.message] } } : { ok: false, message: conflict.message };
  const options = setupOptionsFrom(form);
  const refused = optionIssues(options);
  if (refused.length) return unsafe(refused);
  const snapshot = await gatherSetupSnapshot(form.primaryId, form.replicaIds, options.roleName);
  const preflight = runPreflight(snapshot, options);
  if (!preflight.canRun) return { ok: true, checks: [...preflight.checks], canRun: false, snapshot, options, plan: null, runbook: [], runbookText: '' };
  const planned = planSetup(snapshot, options);
  if (!planned.ok) return unsafe(planned.issues);
  const runbook = renderRunbook(planned.plan);
  return {
    ok: true,
    checks: [...preflight.checks],
    canRun: true,
    snapshot,
    options,
    plan: planned.plan,
    runbook,
    runbookText: runbookText(planned.plan, runbook),
  };
}

function unsafe(issues: readonly FieldIssue[]): SetupRefusal {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of issues) (fieldErrors[issue.field.split('.')[0] ?? issue.field] ??= []).push(issue.message);
  return { ok: false, message: 'Some values cannot be used safely in commands; nothing was run.', fieldErrors };
}
