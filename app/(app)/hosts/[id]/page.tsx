import { notFound } from 'next/navigation';
import { DeleteHostButton } from '@/components/hosts/delete-host-button';
import { HostFacts } from '@/components/hosts/host-facts';
import { HostForm } from '@/components/hosts/host-form';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { requireUser } from '@/lib/auth/current-user';
import { can } from '@/lib/auth/roles';
import { findHost } from '@/lib/db/hosts';

export default async function HostPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) notFound();
  const [user, host] = await Promise.all([requireUser(), findHost(Number(id))]);
  if (!host) notFound();
  const canWrite = can(user.role, 'hosts.write');
  return (
    <>
      <PageHeader title={host.name} description={`${host.sshUser}@${host.sshAddress}:${host.sshPort} · PostgreSQL port ${host.pgPort}`} />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="space-y-6">
          <HostFacts host={host} />
          {canWrite ? (
            <Panel title="Edit">
              <HostForm host={{ ...host, authMethod: host.authMethod }} />
            </Panel>
          ) : null}
        </div>
        {canWrite ? (
          <Panel title="Delete" className="h-fit">
            <p className="mb-3 text-sm text-muted">Removes the host from Tandem&apos;s inventory only. A host in a cluster cannot be deleted.</p>
            <DeleteHostButton id={host.id} name={host.name} />
          </Panel>
        ) : null}
      </div>
    </>
  );
}
