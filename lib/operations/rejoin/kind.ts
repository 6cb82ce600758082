import 'server-only';
import { rejoinParamsSchema } from '@/lib/failover/params-schema';
import { planRejoin } from '@/lib/failover/plan-rejoin';
import { defineOperationKind } from '../define-kind';
import { loadFailoverInputs, requireReplicationPassword } from '../failover-inputs';

/** Rejoin a former primary (or a forked member) as a standby, by pg_rewind or a rebuild. */
export const rejoinKind = defineOperationKind({
  kind: 'rejoin',
  params: rejoinParamsSchema,
  async plan({ clusterId, params }) {
    const { record, recorder } = await loadFailoverInputs(clusterId);
    const password = await requireReplicationPassword(clusterId, record.cluster.name, "it cannot write the rejoining member's passfile");
    return { steps: planRejoin(record.cluster, params, recorder, async () => ({ replicationPassword: password })), secrets: [password] };
  },
});
