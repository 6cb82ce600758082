import 'server-only';
import { restoreParamsSchema } from '@/lib/backup/params-schema';
import { planRestore } from '@/lib/backup/plan-restore';
import { loadBackupInputs } from '../backup-inputs';
import { defineOperationKind } from '../define-kind';

/** `restore`: point-in-time restore onto a host that is no member (a side restore). */
export const restoreKind = defineOperationKind({
  kind: 'restore',
  params: restoreParamsSchema,
  async plan({ clusterId, params }) {
    const inputs = await loadBackupInputs(clusterId);
    return { steps: planRestore(inputs.setup, { ...params, drill: false }, inputs.secrets), secrets: inputs.secretValues };
  },
});
