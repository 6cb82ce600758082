import 'server-only';
import { promoteParamsSchema } from '@/lib/failover/params-schema';
import { planPromote } from '@/lib/failover/plan-promote';
import { defineOperationKind } from '../define-kind';
import { loadFailoverInputs } from '../failover-inputs';

/** Promote a standby: fence the old primary (or act on the user's acknowledgement), promote, re-point the others. */
export const promoteKind = defineOperationKind({
  kind: 'promote',
  params: promoteParamsSchema,
  async plan({ clusterId, params }) {
    const { record, recorder, hooks, hookSecrets } = await loadFailoverInputs(clusterId);
    return { steps: planPromote({ cluster: record.cluster, params, hooks }, recorder), secrets: hookSecrets };
  },
});
