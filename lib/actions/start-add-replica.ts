'use server';

import { redirect } from 'next/navigation';
import { addReplicaFormSchema } from '@/lib/setup/add-replica-schema';
import { requestAddReplica } from '@/lib/operations/add-replica/request';
import { failure, type ActionResult } from './action-result';
import { defineAction } from './define-action';

/** The cluster page's "Add a replica" button (see requestAddReplica); the operation's page follows. */
export const startAddReplica = defineAction({ permission: 'operations.run', audit: 'cluster.add-replica', schema: addReplicaFormSchema }, async (input, actor): Promise<ActionResult> => {
  const outcome = await requestAddReplica(input, actor);
  if (!outcome.ok) return failure(outcome.message, outcome.fieldErrors);
  redirect(`/operations/${outcome.operationId}`);
});
