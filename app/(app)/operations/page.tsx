import Link from 'next/link';
import { OperationTable } from '@/components/operations/operation-table';
import { PageHeader } from '@/components/ui/page-header';
import { ComingLater } from '@/components/ui/panel';
import { requireUser } from '@/lib/auth/current-user';
import { listOperations, OPERATIONS_PAGE_SIZE } from '@/lib/db/operations-read';

export const metadata = { title: 'Operations' };

export default async function OperationsPage({ searchParams }: { searchParams: Promise<{ cluster?: string | string[] }> }) {
  await requireUser();
  const { cluster } = await searchParams;
  const clusterId = typeof cluster === 'string' && /^\d{1,9}$/.test(cluster) ? Number(cluster) : undefined;
  const operations = await listOperations(clusterId === undefined ? {} : { clusterId });
  const clusterName = clusterId === undefined ? null : (operations[0]?.cluster?.name ?? `#${clusterId}`);
  return (
    <>
      <PageHeader
        title="Operations"
        description={`Checks, setups, promotions and switchovers with every step, command and outcome, newest first (the last ${OPERATIONS_PAGE_SIZE}).`}
      />
      {clusterName ? (
        <p className="mb-4 text-sm text-muted">
          Cluster {clusterName} only. <Link href="/operations" className="text-accent hover:underline">Show all</Link>
        </p>
      ) : null}
      {operations.length ? <OperationTable operations={operations} /> : <ComingLater>No operations yet. Operations started from a cluster appear here with their steps.</ComingLater>}
    </>
  );
}
