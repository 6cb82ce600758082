import { Suspense } from 'react';
import { ClusterPageHeader } from '@/components/clusters/cluster-page-header';
import { FailoverSection } from '@/components/failover/failover-section';
import { Panel } from '@/components/ui/panel';
import { can } from '@/lib/auth/roles';
import { loadClusterPage } from '../load-cluster';

/** The cluster's failover section: connection string, rejoin, planned switchover, drill, routing hooks and the history. */
export default async function ClusterFailoverPage({ params }: { params: Promise<{ id: string }> }) {
  const { user, cluster } = await loadClusterPage(params);
  return (
    <>
      <ClusterPageHeader cluster={cluster} current="failover" />
      <Suspense fallback={<Panel title="Failover"><p className="text-sm text-muted">Loading…</p></Panel>}>
        <FailoverSection cluster={cluster} canOperate={can(user.role, 'operations.run')} isAdmin={can(user.role, 'settings.manage')} />
      </Suspense>
    </>
  );
}
