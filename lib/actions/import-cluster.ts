'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { recordAudit } from '@/lib/db/audit';
import { createImportedCluster } from '@/lib/setup/import-record';
import { importFormInput, importFormSchema } from '@/lib/setup/import-schema';
import { prepareImport } from '@/lib/setup/import-prepare';
import { failure, type ActionResult } from './action-result';
import { auditedBy, defineAction } from './define-action';

/**
 * Import existing: the hosts are read again (an earlier check proves nothing), and only if
 * they still form one primary with streaming replicas is the cluster recorded as found.
 * Nothing is changed on any host. A refusal is audited with its reasons.
 */
export const importCluster = defineAction({ permission: 'operations.run', audit: 'cluster.import', schema: importFormSchema, fields: importFormInput }, async (input, actor): Promise<ActionResult> => {
  const who = auditedBy(actor);
  const prepared = await prepareImport(input);
  if (!prepared.ok || !prepared.shape) {
    const result = prepared.ok ? failure(`Not imported: ${prepared.report.reasons.join(' ')}`) : failure(prepared.message, prepared.fieldErrors);
    const why = Object.values(result.fieldErrors ?? {}).flat().join(' ') || result.message;
    await recordAudit({ ...who, action: 'cluster.import', outcome: 'failed', summary: `Refused to import ${input.clusterName}: ${why}`, targetType: 'cluster', targetName: input.clusterName });
    return result;
  }
  const clusterId = await createImportedCluster(input.clusterName, prepared.shape, who);
  revalidatePath('/clusters');
  redirect(`/clusters/${clusterId}`);
});
