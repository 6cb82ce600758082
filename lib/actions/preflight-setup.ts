'use server';

import type { PreflightCheck } from '@/lib/replication/preflight-types';
import type { RunbookStep } from '@/lib/replication/runbook';
import { prepareSetup } from '@/lib/setup/prepare-setup';
import { setupFormInput, setupFormSchema } from '@/lib/setup/wizard-schema';
import { failure, invalid, postedForm, success, type ActionResult } from './action-result';
import { authorize } from './authorize';

export interface PreflightReport {
  checks: PreflightCheck[];
  canRun: boolean;
  notes: string[];
  runbook: RunbookStep[];
  runbookText: string;
}

/**
 * Reads every chosen host fresh, runs the preflight checklist and plans the setup.
 * Changes nothing on any host; the wizard shows both and enables Run only when nothing failed.
 */
export async function preflightSetup(_previous: ActionResult<PreflightReport> | null, form: unknown): Promise<ActionResult<PreflightReport>> {
  const actor = await authorize('operations.run', 'cluster.preflight');
  if (!actor.ok) return actor;
  const posted = postedForm(form);
  if (!posted.ok) return posted;
  const parsed = setupFormSchema.safeParse(setupFormInput(posted.data));
  if (!parsed.success) return invalid(parsed.error);
  const prepared = await prepareSetup(parsed.data);
  if (!prepared.ok) return failure(prepared.message, prepared.fieldErrors);
  return success({ checks: prepared.checks, canRun: prepared.canRun, notes: [...(prepared.plan?.notes ?? [])], runbook: prepared.runbook, runbookText: prepared.runbookText });
}
