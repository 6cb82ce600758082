import 'server-only';
import { enableBackupsParamsSchema } from '@/lib/backup/params-schema';
import { planEnableBackups } from '@/lib/backup/plan-enable';
import { loadBackupInputs } from '../backup-inputs';
import { defineOperationKind } from '../define-kind';

/** `enable-backups`: pgBackRest, SSH trust, configuration, archiving, stanza, check and the first full backup. */
export const enableBackupsKind = defineOperationKind({
  kind: 'enable-backups',
  params: enableBackupsParamsSchema,
  async plan({ clusterId, params }) {
    const inputs = await loadBackupInputs(clusterId);
    return { steps: planEnableBackups(inputs.setup, params, inputs.secrets, inputs.recorder), secrets: inputs.secretValues };
  },
});
