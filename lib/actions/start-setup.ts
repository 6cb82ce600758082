'use server';

import { redirect } from 'next/navigation';
import type { Prisma } from '@/generated/prisma/client';
import { createClusterRecord, discardClusterRecord } from '@/lib/setup/create-cluster-record';
import { prepareSetup } from '@/lib/setup/prepare-setup';
import '@/lib/setup/setup-kind';
import { setupFormInput, setupFormSchema } from '@/lib/setup/wizard-schema';
import { startOperation } from '@/lib/operations/runner';
import { failure, invalid, postedForm, type ActionResult } from './action-result';
import { authorize } from './authorize';
import { setupKind } from '@/lib/operations/setup/kind';

/**
 * Runs the setup: preflight and plan are redone from the hosts (the browser's earlier
 * preflight proves nothing), then the cluster is recorded and the operation started.
 * Returns at once; the operation's page shows the steps live.
 */
export async function startSetup(_previous: ActionResult | null, form: unknown): Promise<ActionResult> {
  const actor = await authorize('operations.run', 'cluster.setup');
  if (!actor.ok) return actor;
  const posted = postedForm(form);
  if (!posted.ok) return posted;
  const parsed = setupFormSchema.safeParse(setupFormInput(posted.data));
  if (!parsed.success) return invalid(parsed.error);
  const prepared = await prepareSetup(parsed.data);
  if (!prepared.ok) return failure(prepared.message, prepared.fieldErrors);
  if (!prepared.canRun) return failure('Preflight failed on the hosts as they are now; nothing was run. Run preflight again to see why.');
  const who = { actorId: actor.user.id, actorEmail: actor.user.email, clientAddress: actor.clientAddress };
  const clusterId = await createClusterRecord(parsed.data, prepared.options, prepared.snapshot.primary.facts?.cluster?.version, who);
  const claim = await startOperation(setupKind, { clusterId,
    params: { snapshot: prepared.snapshot, options: prepared.options },
    reason: `Set up cluster ${parsed.data.clusterName}`,
    actor: { id: actor.user.id, email: actor.user.email, clientAddress: actor.clientAddress },
  });
  if (!claim.ok) {
    await discardClusterRecord(clusterId);
    return failure(claim.message);
  }
  redirect(`/operations/${claim.operationId}`);
}
