import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { LagPanels } from '@/components/lag/lag-panel';
import { AddReplicaPanel } from '@/components/clusters/add-replica-panel';
import { Topology } from '@/components/clusters/topology';
import { OperationTable } from '@/components/operations/operation-table';
import { Badge } from '@/components/ui/badge';
import { PageHeader } from '@/components/ui/page-header';
import { ComingLater, Panel } from '@/components/ui/panel';
import { requireUser } from '@/lib/auth/current-user';
import { can } from '@/lib/auth/roles';
import { readMemberStates } from '@/lib/clusters/member-states';
import { findCluster, type ClusterSummary } from '@/lib/db/clusters';
import { readLagHosts } from '@/lib/db/lag-read';
import { listOperations } from '@/lib/db/operations-read';

async function LiveTopology({ cluster }: { cluster: ClusterSummary }) {
  const states = await readMemberStates(cluster.members.map((member) => member.host.id));
  return <Topology cluster={cluster} states={states} />;
}

export default async function ClusterPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) notFound();
  const [user, cluster] = await Promise.all([requireUser(), findCluster(Number(id))]);
  if (!cluster) notFound();
  const [operations, monitoring] = await Promise.all([listOperations({ clusterId: cluster.id }), readLagHosts(cluster.id)]);
  return (
    <>
      <PageHeader
        title={cluster.name}
        description={<>PostgreSQL {cluster.pgMajor ?? '?'} · replication role {cluster.replicationRole ?? '?'} · <Badge tone={cluster.status === 'active' ? 'good' : cluster.status === 'failed' ? 'bad' : 'warn'}>{cluster.status.replace('_', ' ')}</Badge></>}
      />
      <div className="space-y-6">
        <Panel title="Topology">
          <Suspense fallback={<p className="text-sm text-muted">Asking each member for its state…</p>}>
            <LiveTopology cluster={cluster} />
          </Suspense>
        </Panel>
        <LagPanels clusterId={cluster.id} monitored={monitoring?.monitored ?? false} />
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
