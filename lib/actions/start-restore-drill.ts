'use server';

import { loadBackupPlan } from '@/lib/db/backups';
import { refuseBackupRequest } from '@/lib/operations/backup-refusal';
import { requestRestore } from '@/lib/operations/restore/request';
import { failure, success } from './action-result';
import { restoreDrillFormSchema } from './backup-form-fields';
import { defineAction } from './define-action';

/** A restore drill: the latest backup restored onto the cluster's drill host, verified, then the host put back as it was. */
export const startRestoreDrill = defineAction({ permission: 'operations.run', audit: 'backups.drill', schema: restoreDrillFormSchema }, async ({ clusterId, repository, reason }, actor) => {
  const drillHostId = (await loadBackupPlan(clusterId))?.drillHostId ?? null;
  const outcome = drillHostId === null
    ? await refuseBackupRequest(clusterId, 'backups.drill', 'a restore drill', 'Choose a drill host in the backup settings first.', actor)
    : await requestRestore(clusterId, { hostId: drillHostId, target: { kind: 'latest' }, action: 'promote', repository, confirm: '', reason }, actor, true);
  return outcome.ok ? success({ operationId: outcome.operationId }) : failure(outcome.message);
});
