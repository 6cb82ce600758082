import 'server-only';
import { backupParamsSchema } from '@/lib/backup/params-schema';
import { planBackup } from '@/lib/backup/plan-backup';
import { loadBackupPlan } from '@/lib/db/backups';
import { loadBackupInputs } from '../backup-inputs';
import { defineOperationKind } from '../define-kind';

/** `backup`: one full, differential or incremental backup into one repository. */
export const backupKind = defineOperationKind({
  kind: 'backup',
  params: backupParamsSchema,
  async precondition({ clusterId }) {
    return (await loadBackupPlan(clusterId))?.enabledAt ? null : 'Backups are not enabled on this cluster yet: run Enable backups first.';
  },
  async plan({ clusterId, params }) {
    const inputs = await loadBackupInputs(clusterId);
    return { steps: planBackup(inputs.setup, params, inputs.recorder), secrets: inputs.secretValues };
  },
});
