import Link from 'next/link';
import { ClusterTable } from '@/components/clusters/cluster-table';
import { linkButtonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { ComingLater } from '@/components/ui/panel';
import { requireUser } from '@/lib/auth/current-user';
import { can } from '@/lib/auth/roles';
import { listClusters } from '@/lib/db/clusters';

export const metadata = { title: 'Clusters' };

export default async function ClustersPage() {
  const [user, clusters] = await Promise.all([requireUser(), listClusters()]);
  const canRun = can(user.role, 'operations.run');
  return (
    <>
      <PageHeader
        title="Clusters"
        description="Primaries and their replicas, with topology and operation history."
        actions={canRun ? (
          <div className="flex gap-2">
            <Link href="/clusters/import" className="inline-flex items-center justify-center rounded-md border border-line bg-raised px-3.5 py-2 text-sm font-medium text-ink hover:bg-line">Import existing</Link>
            <Link href="/clusters/new" className={linkButtonClass}>New cluster</Link>
          </div>
        ) : null}
      />
      {clusters.length ? <ClusterTable clusters={clusters} /> : <ComingLater>No cluster yet.{canRun ? ' Set one up from a primary and plain PostgreSQL hosts with New cluster.' : ''}</ComingLater>}
    </>
  );
}
