import 'server-only';
import { z } from 'zod';
import { loadClusterHosts } from '@/lib/db/operations-read';
import { checkClusterSteps } from '@/lib/replication/engine/check-cluster';
import { defineOperationKind } from '../define-kind';

/** A read-only check of every member: reachable, PostgreSQL answering, its role as recorded. */
export const checkClusterKind = defineOperationKind({
  kind: 'check-cluster',
  params: z.object({}),
  async precondition({ clusterId }) {
    return (await loadClusterHosts(clusterId)).length === 0 ? 'This cluster has no member hosts to check.' : null;
  },
  async plan({ clusterId }) {
    return { steps: checkClusterSteps(await loadClusterHosts(clusterId)) };
  },
});
