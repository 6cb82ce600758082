import { Suspense } from 'react';
import { AddReplicaPanel } from '@/components/clusters/add-replica-panel';
import { ClusterPageHeader } from '@/components/clusters/cluster-page-header';
import { OperationTable } from '@/components/operations/operation-table';
import { ComingLater, Panel } from '@/components/ui/panel';
import { can } from '@/lib/auth/roles';
import { listOperations } from '@/lib/db/operations-read';
import { loadClusterPage } from '../load-cluster';

/** The cluster's operations: add a replica (operators) and every operation that ran on it. */
export default async function ClusterOperationsPage({ params }: { params: Promise<{ id: string }> }) {
  const { user, cluster } = await loadClusterPage(params);
  const operations = await listOperations({ clusterId: cluster.id });
  return (
    <>
      <ClusterPageHeader cluster={cluster} current="operations" />
      <div className="space-y-6">
        {can(user.role, 'operations.run') ? (
          <Suspense fallback={<Panel title="Add a replica"><p className="text-sm text-muted">Loading free hosts…</p></Panel>}>
            <AddReplicaPanel clusterId={cluster.id} />
          </Suspense>
        ) : null}
        <Panel title="Operations">
          {operations.length ? <OperationTable operations={operations} /> : <ComingLater>No operation has run on this cluster.</ComingLater>}
        </Panel>
      </div>
    </>
  );
}
