'use server';

import { importFormInput, importFormSchema } from '@/lib/setup/import-schema';
import { prepareImport, type ImportReport } from '@/lib/setup/import-prepare';
import { failure, invalid, postedForm, success, type ActionResult } from './action-result';
import { authorize } from './authorize';

/**
 * Import existing, first step: reads the chosen hosts and says what cluster they form, or
 * every reason they do not. Changes nothing on any host and records nothing but discovery.
 */
export async function previewImport(_previous: ActionResult<ImportReport> | null, form: unknown): Promise<ActionResult<ImportReport>> {
  const actor = await authorize('operations.run', 'cluster.import-check');
  if (!actor.ok) return actor;
  const posted = postedForm(form);
  if (!posted.ok) return posted;
  const parsed = importFormSchema.safeParse(importFormInput(posted.data));
  if (!parsed.success) return invalid(parsed.error);
  const prepared = await prepareImport(parsed.data);
  if (!prepared.ok) return failure(prepared.message, prepared.fieldErrors);
  return success(prepared.report);
}
