import 'server-only';
import { drillParamsSchema } from '@/lib/failover/params-schema';
import { planDrill } from '@/lib/failover/plan-drill';
import { defineOperationKind } from '../define-kind';
import { loadFailoverInputs, requireReplicationPassword } from '../failover-inputs';

/** A failover drill: switch over to a standby and back while a writer counts what was lost. */
export const drillKind = defineOperationKind({
  kind: 'drill',
  params: drillParamsSchema,
  async plan({ clusterId, params }) {
    const { record, recorder, hooks, hookSecrets } = await loadFailoverInputs(clusterId);
    const password = await requireReplicationPassword(clusterId, record.cluster.name, '');
    return { steps: planDrill(record.cluster, params, hooks, recorder, async () => ({ replicationPassword: password })), secrets: [password, ...hookSecrets] };
  },
});
