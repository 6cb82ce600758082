'use server';

import { requestEnableBackups } from '@/lib/operations/enable-backups/request';
import { failure, success } from './action-result';
import { enableBackupsFormSchema } from './backup-form-fields';
import { defineAction } from './define-action';

/** Enable backups: archiving into the repositories, the stanza, a first full backup; restarts members only when the user allowed it. */
export const startEnableBackups = defineAction({ permission: 'operations.run', audit: 'backups.enable', schema: enableBackupsFormSchema }, async ({ clusterId, allowRestart }, actor) => {
  const outcome = await requestEnableBackups(clusterId, allowRestart, actor);
  return outcome.ok ? success({ operationId: outcome.operationId }) : failure(outcome.message);
});
