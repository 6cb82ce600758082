import { notFound } from 'next/navigation';
import { ConnectionActions } from '@/components/hosts/connection-actions';
import { DeleteHostButton } from '@/components/hosts/delete-host-button';
import { DiscoveredFacts } from '@/components/hosts/discovered-facts';
import { DiscoveryStatus } from '@/components/hosts/discovery-status';
import { HostFacts } from '@/components/hosts/host-facts';
import { HostForm } from '@/components/hosts/host-form';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { requireUser } from '@/lib/auth/current-user';
import { can } from '@/lib/auth/roles';
import { loadDiscovery } from '@/lib/db/discovery';
import { findHost } from '@/lib/db/hosts';

export default async function HostPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ check?: string }> }) {
  const [{ id }, { check }] = await Promise.all([params, searchParams]);
  if (!/^\d{1,9}$/.test(id)) notFound();
  const [user, host, discovery] = await Promise.all([requireUser(), findHost(Number(id)), loadDiscovery(Number(id))]);
  if (!host) notFound();
  const canWrite = can(user.role, 'hosts.write');
  const keyProblem = discovery?.errorCode === 'host-key-unpinned' || discovery?.errorCode === 'host-key-mismatch';
  const presented =
    keyProblem && discovery?.presentedFingerprint
      ? { fingerprint: discovery.presentedFingerprint, keyType: discovery.presentedKeyType, replacesPinned: discovery.errorCode === 'host-key-mismatch', hadPinned: host.hostKeyEverPinned }
      : null;
  return (
    <>
      <PageHeader title={host.name} description={`${host.sshUser}@${host.sshAddress}:${host.sshPort} · PostgreSQL port ${host.pgPort}`} />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="space-y-6">
          <HostFacts host={host} />
          <Panel title="Connection and discovery">
            <div className="space-y-4">
              <DiscoveryStatus discovery={discovery} pinned={host.hostKeyFingerprint} />
              {canWrite ? <ConnectionActions hostId={host.id} hostName={host.name} presented={presented} autoCheck={check === '1'} /> : null}
              {discovery?.facts ? <DiscoveredFacts facts={discovery.facts} staleSince={discovery.ok ? null : discovery.factsAt} /> : null}
            </div>
          </Panel>
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
