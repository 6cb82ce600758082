'use server';

import { requestBackup } from '@/lib/operations/backup/request';
import { failure, success } from './action-result';
import { backupFormSchema } from './backup-form-fields';
import { defineAction } from './define-action';

/** Back up now: a full, differential or incremental backup into one repository. */
export const startBackup = defineAction({ permission: 'operations.run', audit: 'backups.backup', schema: backupFormSchema }, async ({ clusterId, type, repository }, actor) => {
  const outcome = await requestBackup(clusterId, type, repository, actor);
  return outcome.ok ? success({ operationId: outcome.operationId }) : failure(outcome.message);
});
