import 'server-only';
import { restoreParamsSchema } from '@/lib/backup/params-schema';
import { planRestore } from '@/lib/backup/plan-restore';
import { loadBackupInputs } from '../backup-inputs';
import { defineOperationKind } from '../define-kind';

/** `restore-drill`: the latest backup restored onto a scratch host, checked, measured and removed. */
export const restoreDrillKind = defineOperationKind({
  kind: 'restore-drill',
  params: restoreParamsSchema,
  async plan({ clusterId, params }) {
    const inputs = await loadBackupInputs(clusterId);
    return { steps: planRestore(inputs.setup, { ...params, drill: true }, inputs.secrets, inputs.plan.smokeTestSql), secrets: inputs.secretValues };
  },
});
