import { Suspense } from 'react';
import { AlertsPanel } from '@/components/alerts/alerts-panel';
import { ClusterPageHeader } from '@/components/clusters/cluster-page-header';
import { EnableMonitoringButton } from '@/components/clusters/enable-monitoring-button';
import { LiveTopology } from '@/components/clusters/live-topology';
import { FenceRecords } from '@/components/failover/fence-records';
import { LagPanels } from '@/components/lag/lag-panel';
import { Panel } from '@/components/ui/panel';
import { can } from '@/lib/auth/roles';
import { clusterPath } from '@/lib/clusters/cluster-tabs';
import { latestFenceEnforcements } from '@/lib/db/fencing';
import { readLagHosts } from '@/lib/db/lag-read';
import { loadClusterPage } from './load-cluster';

/**
 * The cluster's overview, what an incident needs first: the topology with the incident banner
 * and a promote button per replica, what the fence guard did, open alerts, replica status,
 * the lag chart, slots and disk. Failover, operations and settings are the other sections.
 */
export default async function ClusterOverviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { user, cluster } = await loadClusterPage(params);
  const [monitoring, fenceRecords] = await Promise.all([readLagHosts(cluster.id), latestFenceEnforcements(cluster.id)]);
  const canOperate = can(user.role, 'operations.run');
  return (
    <>
      <ClusterPageHeader cluster={cluster} current="overview" />
      <div className="space-y-6">
        <Panel title="Topology">
          <Suspense fallback={<p className="text-sm text-muted">Asking each member for its state…</p>}>
            <LiveTopology cluster={cluster} canOperate={canOperate} />
          </Suspense>
        </Panel>
        <FenceRecords records={fenceRecords} rejoinHref={canOperate ? clusterPath(cluster.id, 'failover') : undefined} />
        <Suspense fallback={<Panel title="Alerts"><p className="text-sm text-muted">Loading alerts…</p></Panel>}>
          <AlertsPanel clusterId={cluster.id} role={user.role} />
        </Suspense>
        <LagPanels clusterId={cluster.id} monitored={monitoring?.monitored ?? false} monitoringAction={canOperate ? <EnableMonitoringButton clusterId={cluster.id} /> : undefined} />
      </div>
    </>
  );
}
