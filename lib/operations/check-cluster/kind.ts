import 'server-only';
import { z } from 'zod';
import { loadClusterHosts } from '@/lib/db/operations-read';
import { checkClusterSteps } from '@/lib/replication/engine/check-cluster';
import { defineOperationKind } from '../define-kind';

/** A read-only check of every member: reachable, PostgreSQL answering, its role as recorded. */
export const checkClusterKind = defineOperationKind({
  kind: 'check-cluster',
  params: z.object({}),
  async plan({ clusterId }) {
    const hosts = await loadClusterHosts(clusterId);
    if (hosts.length === 0) throw new Error('This cluster has no member hosts to check.');
    return { steps: checkClusterSteps(hosts) };
  },
});
