'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { recordAudit } from '@/lib/db/audit';
import { createImportedCluster } from '@/lib/setup/import-record';
import { importFormInput, importFormSchema } from '@/lib/setup/import-schema';
import { prepareImport } from '@/lib/setup/import-prepare';
import { failure, invalid, postedForm, type ActionResult } from './action-result';
import { authorize } from './authorize';

/**
 * Import existing: the hosts are read again (an earlier check proves nothing), and only if
 * they still form one primary with streaming replicas is the cluster recorded as found.
 * Nothing is changed on any host. A refusal is audited with its reasons.
 */
export async function importCluster(_previous: ActionResult | null, form: unknown): Promise<ActionResult> {
  const actor = await authorize('operations.run', 'cluster.import');
  if (!actor.ok) return actor;
  const posted = postedForm(form);
  if (!posted.ok) return posted;
  const parsed = importFormSchema.safeParse(importFormInput(posted.data));
  if (!parsed.success) return invalid(parsed.error);
  const who = { actorId: actor.user.id, actorEmail: actor.user.email, clientAddress: actor.clientAddress };
  const prepared = await prepareImport(parsed.data);
  if (!prepared.ok || !prepared.shape) {
    const result = prepared.ok ? failure(`Not imported: ${prepared.report.reasons.join(' ')}`) : failure(prepared.message, prepared.fieldErrors);
    const why = Object.values(result.fieldErrors ?? {}).flat().join(' ') || result.message;
    await recordAudit({ ...who, action: 'cluster.import', outcome: 'failed', summary: `Refused to import ${parsed.data.clusterName}: ${why}`, targetType: 'cluster', targetName: parsed.data.clusterName });
    return result;
  }
  const clusterId = await createImportedCluster(parsed.data.clusterName, prepared.shape, who);
  revalidatePath('/clusters');
  redirect(`/clusters/${clusterId}`);
}
