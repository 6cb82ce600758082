'use server';

import { importFormInput, importFormSchema } from '@/lib/setup/import-schema';
import { prepareImport, type ImportReport } from '@/lib/setup/import-prepare';
import { failure, success, type ActionResult } from './action-result';
import { defineAction } from './define-action';

/**
 * Import existing, first step: reads the chosen hosts and says what cluster they form, or
 * every reason they do not. Changes nothing on any host and records nothing but discovery.
 */
export const previewImport = defineAction(
  { permission: 'operations.run', audit: 'cluster.import-check', schema: importFormSchema, fields: importFormInput },
  async (input): Promise<ActionResult<ImportReport>> => {
    const prepared = await prepareImport(input);
    if (!prepared.ok) return failure(prepared.message, prepared.fieldErrors);
    return success(prepared.report);
  },
);
