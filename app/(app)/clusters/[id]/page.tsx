import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { AlertRulesPanel } from '@/components/alerts/alert-rules-panel';
import { AlertsPanel } from '@/components/alerts/alerts-panel';
import { AddReplicaPanel } from '@/components/clusters/add-replica-panel';
import { ClusterLiveRefresh } from '@/components/clusters/cluster-live-refresh';
import { EnableMonitoringButton } from '@/components/clusters/enable-monitoring-button';
import { LiveTopology } from '@/components/clusters/live-topology';
import { FailoverSection } from '@/components/failover/failover-section';
import { LagPanels } from '@/components/lag/lag-panel';
import { OperationTable } from '@/components/operations/operation-table';
import { CertificatesPanel } from '@/components/tls/certificates-panel';
import { Badge } from '@/components/ui/badge';
import { PageHeader } from '@/components/ui/page-header';
import { ComingLater, Panel } from '@/components/ui/panel';
import { requireUser } from '@/lib/auth/current-user';
import { can } from '@/lib/auth/roles';
import { findCluster } from '@/lib/db/clusters';
import { readLagHosts } from '@/lib/db/lag-read';
import { listOperations } from '@/lib/db/operations-read';

export default async function ClusterPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) notFound();
  const [user, cluster] = await Promise.all([requireUser(), findCluster(Number(id))]);
  if (!cluster) notFound();
  const [operations, monitoring] = await Promise.all([listOperations({ clusterId: cluster.id }), readLagHosts(cluster.id)]);
  const canOperate = can(user.role, 'operations.run');
  return (
    <>
      <PageHeader
        title={cluster.name}
        description={<>PostgreSQL {cluster.pgMajor ?? '?'} · replication role {cluster.replicationRole ?? '?'} · <Badge tone={cluster.status === 'active' ? 'good' : cluster.status === 'failed' ? 'bad' : 'warn'}>{cluster.status.replace('_', ' ')}</Badge></>}
      />
      <ClusterLiveRefresh clusterId={cluster.id} renderedAt={new Date().getTime()} />
      <div className="space-y-6">
        <Panel title="Topology">
          <Suspense fallback={<p className="text-sm text-muted">Asking each member for its state…</p>}>
            <LiveTopology cluster={cluster} canOperate={canOperate} />
          </Suspense>
        </Panel>
        <LagPanels clusterId={cluster.id} monitored={monitoring?.monitored ?? false} monitoringAction={canOperate ? <EnableMonitoringButton clusterId={cluster.id} /> : undefined} />
        <Suspense fallback={<Panel title="Alerts"><p className="text-sm text-muted">Loading alerts…</p></Panel>}>
          <AlertsPanel clusterId={cluster.id} role={user.role} />
        </Suspense>
        <Suspense fallback={<Panel title="Failover"><p className="text-sm text-muted">Loading…</p></Panel>}>
          <FailoverSection clusterId={cluster.id} canOperate={canOperate} isAdmin={can(user.role, 'settings.manage')} />
        </Suspense>
        <Suspense fallback={null}>
          <CertificatesPanel clusterId={cluster.id} canOperate={canOperate} />
        </Suspense>
        {canOperate ? (
          <Suspense fallback={<Panel title="Add a replica"><p className="text-sm text-muted">Loading free hosts…</p></Panel>}>
            <AddReplicaPanel clusterId={cluster.id} />
          </Suspense>
        ) : null}
        <Panel title="Operations">
          {operations.length ? <OperationTable operations={operations} /> : <ComingLater>No operation has run on this cluster.</ComingLater>}
        </Panel>
        <Suspense fallback={<Panel title="Alert rules"><p className="text-sm text-muted">Loading rules…</p></Panel>}>
          <AlertRulesPanel clusterId={cluster.id} role={user.role} />
        </Suspense>
      </div>
    </>
  );
}
