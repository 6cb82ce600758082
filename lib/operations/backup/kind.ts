import 'server-only';
import { backupParamsSchema } from '@/lib/backup/params-schema';
import { planBackup } from '@/lib/backup/plan-backup';
import { loadBackupInputs } from '../backup-inputs';
import { defineOperationKind } from '../define-kind';

/** `backup`: one full, differential or incremental backup into one repository. */
export const backupKind = defineOperationKind({
  kind: 'backup',
  params: backupParamsSchema,
  async precondition({ clusterId }) {
    const inputs = await loadBackupInputs(clusterId);
    return inputs.plan.enabledAt ? null : `Backups are not enabled on ${inputs.setup.clusterName} yet: run Enable backups first.`;
  },
  async plan({ clusterId, params }) {
    const inputs = await loadBackupInputs(clusterId);
    return { steps: planBackup(inputs.setup, params, inputs.recorder), secrets: inputs.secretValues };
  },
});
