'use server';

import { requestRestoreDrill } from '@/lib/operations/restore-drill/request';
import { failure, success } from './action-result';
import { restoreDrillFormSchema } from './backup-form-fields';
import { defineAction } from './define-action';

/** A restore drill: the latest backup restored onto the cluster's drill host, verified, then the host put back as it was. */
export const startRestoreDrill = defineAction({ permission: 'operations.run', audit: 'backups.drill', schema: restoreDrillFormSchema }, async ({ clusterId, repository, reason }, actor) => {
  const outcome = await requestRestoreDrill(clusterId, repository, reason, actor);
  return outcome.ok ? success({ operationId: outcome.operationId }) : failure(outcome.message);
});
