import Link from 'next/link';
import { HostTable } from '@/components/hosts/host-table';
import { linkButtonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { ComingLater } from '@/components/ui/panel';
import { requireUser } from '@/lib/auth/current-user';
import { can } from '@/lib/auth/roles';
import { listHosts } from '@/lib/db/hosts';

export const metadata = { title: 'Hosts' };

export default async function HostsPage() {
  const [user, hosts] = await Promise.all([requireUser(), listHosts()]);
  const canWrite = can(user.role, 'hosts.write');
  return (
    <>
      <PageHeader
        title="Hosts"
        description="Database servers Tandem reaches over SSH. Credentials are encrypted at rest and never shown again."
        actions={canWrite ? <Link href="/hosts/new" className={linkButtonClass}>Add host</Link> : null}
      />
      {hosts.length ? <HostTable hosts={hosts} /> : <ComingLater>No hosts yet.{canWrite ? ' Add the servers of your first cluster.' : ''}</ComingLater>}
    </>
  );
}
