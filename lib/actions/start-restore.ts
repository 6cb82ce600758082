'use server';

import { requestRestore } from '@/lib/operations/restore/request';
import { failure, success } from './action-result';
import { restoreFormSchema } from './backup-form-fields';
import { defineAction } from './define-action';

/** A point-in-time restore onto a host that is no member, confirmed by typing its name: its server is stopped and its data directory moved aside. */
export const startRestore = defineAction({ permission: 'operations.run', audit: 'backups.restore', schema: restoreFormSchema }, async ({ clusterId, ...request }, actor) => {
  const outcome = await requestRestore(clusterId, request, actor);
  return outcome.ok ? success({ operationId: outcome.operationId }) : failure(outcome.message);
});
