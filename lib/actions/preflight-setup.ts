'use server';

import type { PreflightCheck } from '@/lib/replication/preflight-types';
import type { RunbookStep } from '@/lib/replication/runbook';
import { prepareSetup } from '@/lib/setup/prepare-setup';
import { setupFormInput, setupFormSchema } from '@/lib/setup/wizard-schema';
import { failure, success, type ActionResult } from './action-result';
import { defineAction } from './define-action';

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
export const preflightSetup = defineAction(
  { permission: 'operations.run', audit: 'cluster.preflight', schema: setupFormSchema, fields: setupFormInput },
  async (input): Promise<ActionResult<PreflightReport>> => {
    const prepared = await prepareSetup(input);
    if (!prepared.ok) return failure(prepared.message, prepared.fieldErrors);
    return success({ checks: prepared.checks, canRun: prepared.canRun, notes: [...(prepared.plan?.notes ?? [])], runbook: prepared.runbook, runbookText: prepared.runbookText });
  },
);
