import { ComingLater } from '@/components/ui/panel';
import { PageHeader } from '@/components/ui/page-header';

export const metadata = { title: 'Clusters' };

export default function ClustersPage() {
  return (
    <>
      <PageHeader title="Clusters" description="Primaries and their replicas, with topology and operation history." />
      <ComingLater>
        The setup wizard that turns a primary and plain PostgreSQL hosts into a streaming-replication cluster is not built
        yet. Add your hosts on the Hosts page in the meantime.
      </ComingLater>
    </>
  );
}
