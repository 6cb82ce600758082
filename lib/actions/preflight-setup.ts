'use server';

import { runPreflight } from '@/lib/replication/preflight';
import type { PreflightCheck } from '@/lib/replication/preflight-types';
import { validateSetup } from '@/lib/replication/validate-setup';
import { gatherSetupSnapshot } from '@/lib/setup/gather-snapshot';
import { membershipConflict } from '@/lib/setup/membership';
import { setupOptionsFrom } from '@/lib/setup/setup-options';
import { setupFormInput, setupFormSchema } from '@/lib/setup/wizard-schema';
import { failure, invalid, success, type ActionResult } from './action-result';
import { authorize } from './authorize';

export interface PreflightReport {
  checks: PreflightCheck[];
  canRun: boolean;
  checkedAt: string;
}

/**
 * Reads every chosen host fresh and runs the preflight checklist. Changes nothing on any
 * host; the wizard shows the result and enables Run only when nothing failed.
 */
export async function preflightSetup(_previous: ActionResult<PreflightReport> | null, form: FormData): Promise<ActionResult<PreflightReport>> {
  const actor = await authorize('operations.run', 'cluster.preflight');
  if (!actor.ok) return actor;
  const parsed = setupFormSchema.safeParse(setupFormInput(form));
  if (!parsed.success) return invalid(parsed.error);
  const conflict = await membershipConflict(parsed.data.clusterName, [parsed.data.primaryId, ...parsed.data.replicaIds]);
  if (conflict) return conflict.field ? failure('Some fields need attention.', { [conflict.field]: [conflict.message] }) : failure(conflict.message);
  const options = setupOptionsFrom(parsed.data);
  const snapshot = await gatherSetupSnapshot(parsed.data.primaryId, parsed.data.replicaIds);
  const issues = validateSetup(snapshot, options);
  if (issues.length) {
    return failure('Some values cannot be used safely; nothing was run.', Object.fromEntries(issues.map((issue) => [issue.field.split('.')[0] ?? issue.field, [issue.message]])));
  }
  const result = runPreflight(snapshot, options);
  return success({ checks: [...result.checks], canRun: result.canRun, checkedAt: new Date().toISOString() });
}
