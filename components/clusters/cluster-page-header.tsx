import { Badge } from '@/components/ui/badge';
import { PageHeader } from '@/components/ui/page-header';
import type { ClusterTab } from '@/lib/clusters/cluster-tabs';
import type { ClusterSummary } from '@/lib/db/clusters';
import { ClusterLiveRefresh } from './cluster-live-refresh';
import { ClusterTabs } from './cluster-tabs';

/** What every section of a cluster's page starts with: name, version, status, the section links, and the live refresh. */
export function ClusterPageHeader({ cluster, current }: { cluster: ClusterSummary; current: ClusterTab }) {
  return (
    <>
      <PageHeader
        title={cluster.name}
        description={<>PostgreSQL {cluster.pgMajor ?? '?'} · replication role {cluster.replicationRole ?? '?'} · <Badge tone={cluster.status === 'active' ? 'good' : cluster.status === 'failed' ? 'bad' : 'warn'}>{cluster.status.replace('_', ' ')}</Badge></>}
      />
      <ClusterTabs clusterId={cluster.id} current={current} />
      <ClusterLiveRefresh clusterId={cluster.id} renderedAt={new Date().getTime()} />
    </>
  );
}
