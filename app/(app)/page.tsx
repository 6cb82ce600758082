import Link from 'next/link';
import { Suspense } from 'react';
import { FleetTable } from '@/components/fleet/fleet-table';
import { linkButtonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { requireUser } from '@/lib/auth/current-user';
import { db } from '@/lib/db/client';
import { readFleet } from '@/lib/db/fleet-read';

export const metadata = { title: 'Fleet' };

/** Checks the session itself, as every page and loader does: the layout's check does not stop a page's own data from streaming. */
async function Fleet() {
  await requireUser();
  const now = new Date();
  const [clusters, hosts] = await Promise.all([readFleet(now), (await db()).host.count()]);
  if (clusters.length === 0) {
    return (
      <Panel>
        <div className="space-y-3 text-sm" data-testid="fleet-empty">
          <p>No cluster yet. {hosts === 0 ? 'Register the servers first, then set up replication between them.' : `You have ${hosts} host${hosts === 1 ? '' : 's'} registered.`}</p>
          <div className="flex flex-wrap gap-2">
            {hosts === 0 ? <Link href="/hosts/new" className={linkButtonClass}>Add a host</Link> : null}
            <Link href="/clusters/new" className={linkButtonClass}>Set up a cluster</Link>
            <Link href="/clusters/import" className="px-3 py-1.5 text-sm text-accent hover:underline">Import an existing cluster</Link>
          </div>
        </div>
      </Panel>
    );
  }
  return (
    <Panel>
      <FleetTable clusters={clusters} now={now.getTime()} />
      <p className="mt-3 text-xs text-muted">{hosts} host{hosts === 1 ? '' : 's'} in the inventory · <Link href="/hosts" className="text-accent hover:underline">hosts</Link> · <Link href="/clusters" className="text-accent hover:underline">clusters</Link></p>
    </Panel>
  );
}

export default function FleetPage() {
  return (
    <>
      <PageHeader title="Fleet" description="Every cluster with its health, worst lag, open alerts and last operation." />
      <Suspense fallback={<div className="h-40 animate-pulse rounded-lg bg-panel" aria-busy aria-label="Loading the fleet" />}>
        <Fleet />
      </Suspense>
    </>
  );
}
