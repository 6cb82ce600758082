import 'server-only';
import { restoreParamsSchema } from '@/lib/backup/params-schema';
import { planReplaceCluster } from '@/lib/backup/plan-replace';
import { planRestore } from '@/lib/backup/plan-restore';
import { loadBackupInputs } from '../backup-inputs';
import { defineOperationKind } from '../define-kind';
import { loadFailoverInputs, requireReplicationPassword } from '../failover-inputs';

/** `restore`: point-in-time restore onto a host that is no member (a side restore), or replacing the whole cluster. */
export const restoreKind = defineOperationKind({
  kind: 'restore',
  params: restoreParamsSchema,
  async plan({ clusterId, params }) {
    const inputs = await loadBackupInputs(clusterId);
    if (!params.replace) return { steps: planRestore(inputs.setup, { ...params, drill: false }, inputs.secrets), secrets: inputs.secretValues };
    const { record } = await loadFailoverInputs(clusterId);
    const password = await requireReplicationPassword(clusterId, record.cluster.name, 'the rebuilt replicas log in with it');
    const steps = planReplaceCluster(inputs.setup, { ...params, drill: false }, inputs.secrets, record.cluster, async () => ({ replicationPassword: password }));
    return { steps, secrets: [...inputs.secretValues, password] };
  },
});
