import Link from 'next/link';
import { ComingLater, Panel } from '@/components/ui/panel';
import { PageHeader } from '@/components/ui/page-header';
import { db } from '@/lib/db/client';

export const metadata = { title: 'Fleet' };

export default async function FleetPage() {
  const prisma = await db();
  const [hosts, clusters] = await Promise.all([prisma.host.count(), prisma.cluster.count()]);
  return (
    <>
      <PageHeader title="Fleet" description="Every cluster with its health, worst lag, open alerts and last operation." />
      <div className="mb-6 grid max-w-xl grid-cols-2 gap-4">
        <Panel>
          <p className="text-xs uppercase tracking-wide text-muted">Hosts</p>
          <p className="mt-1 text-2xl font-semibold" data-testid="host-count">{hosts}</p>
          <Link href="/hosts" className="text-xs text-accent hover:underline">Manage hosts</Link>
        </Panel>
        <Panel>
          <p className="text-xs uppercase tracking-wide text-muted">Clusters</p>
          <p className="mt-1 text-2xl font-semibold">{clusters}</p>
          <Link href="/clusters" className="text-xs text-accent hover:underline">View clusters</Link>
        </Panel>
      </div>
      <ComingLater>
        Live health per cluster (replica status, worst lag, open alerts) appears here once lag monitoring is built. Until
        then this page shows only what is in the inventory.
      </ComingLater>
    </>
  );
}
