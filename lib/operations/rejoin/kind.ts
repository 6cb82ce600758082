import 'server-only';
import { rejoinParamsSchema } from '@/lib/failover/params-schema';
import { planRejoin } from '@/lib/failover/plan-rejoin';
import { defineOperationKind } from '../define-kind';
import { backupRestoreSteps } from '../backup-inputs';
import { loadFailoverInputs, requireReplicationPassword } from '../failover-inputs';

/** Rejoin a former primary (or a forked member) as a standby, by pg_rewind, a rebuild or a restore of the latest backup. */
export const rejoinKind = defineOperationKind({
  kind: 'rejoin',
  params: rejoinParamsSchema,
  async plan({ clusterId, params }) {
    const { record, recorder } = await loadFailoverInputs(clusterId);
    const password = await requireReplicationPassword(clusterId, record.cluster.name, "it cannot write the rejoining member's passfile");
    const secret = async () => ({ replicationPassword: password });
    if (params.mode !== 'backup') return { steps: planRejoin(record.cluster, params, recorder, secret), secrets: [password] };
    const access = await backupRestoreSteps(clusterId, params.member.name, params.member);
    return { steps: planRejoin(record.cluster, params, recorder, secret, access.steps), secrets: [password, ...access.secrets] };
  },
});
