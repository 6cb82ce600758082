import 'server-only';
import { switchoverParamsSchema } from '@/lib/failover/params-schema';
import { planSwitchover } from '@/lib/failover/plan-switchover';
import { defineOperationKind } from '../define-kind';
import { loadFailoverInputs, requireReplicationPassword } from '../failover-inputs';

/** Planned switchover with zero loss: the old primary stops cleanly and streams from the candidate. */
export const switchoverKind = defineOperationKind({
  kind: 'switchover',
  params: switchoverParamsSchema,
  async plan({ clusterId, params }) {
    const { record, recorder, hooks, hookSecrets } = await loadFailoverInputs(clusterId);
    const password = await requireReplicationPassword(clusterId, record.cluster.name, 'the old primary cannot be given a passfile');
    return { steps: planSwitchover(record.cluster, params, hooks, recorder, async () => ({ replicationPassword: password })), secrets: [password, ...hookSecrets] };
  },
});
