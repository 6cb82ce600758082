import Link from 'next/link';
import { CLUSTER_TABS, clusterPath, type ClusterTab } from '@/lib/clusters/cluster-tabs';

/**
 * The cluster page's sections as plain links (each its own URL), the current one marked
 * `aria-current="page"`; Tab reaches each link and the focus ring shows where it is.
 */
export function ClusterTabs({ clusterId, current }: { clusterId: number; current: ClusterTab }) {
  return (
    <nav aria-label="Cluster sections" className="-mt-3 mb-6 flex flex-wrap gap-1" data-testid="cluster-tabs">
      {CLUSTER_TABS.map(({ tab, label }) => (
        <Link
          key={tab}
          href={clusterPath(clusterId, tab)}
          aria-current={tab === current ? 'page' : undefined}
          className={`rounded-t-md border-b-2 px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent ${tab === current ? 'border-accent font-medium text-ink' : 'border-transparent text-muted hover:text-ink'}`}
        >
          {label}
        </Link>
      ))}
    </nav>
  );
}
