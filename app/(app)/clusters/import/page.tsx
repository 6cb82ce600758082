import { ImportForm } from '@/components/clusters/import-form';
import { wizardHost } from '@/components/clusters/wizard-host';
import { PageHeader } from '@/components/ui/page-header';
import { ComingLater } from '@/components/ui/panel';
import { requireUser } from '@/lib/auth/current-user';
import { can } from '@/lib/auth/roles';
import { loadDiscovery } from '@/lib/db/discovery';
import { listHosts } from '@/lib/db/hosts';

export const metadata = { title: 'Import existing cluster' };

export default async function ImportClusterPage() {
  const user = await requireUser();
  if (!can(user.role, 'operations.run')) {
    return (
      <>
        <PageHeader title="Import existing cluster" />
        <ComingLater>Your role ({user.role}) cannot import clusters.</ComingLater>
      </>
    );
  }
  const free = (await listHosts()).filter((host) => host.memberships.length === 0);
  const hosts = await Promise.all(free.map(async (host) => wizardHost(host, await loadDiscovery(host.id))));
  return (
    <>
      <PageHeader
        title="Import existing cluster"
        description="Record a primary and replicas you built by hand, as they are. Tandem reads the hosts and changes nothing on them. It does not learn the replication role's password, so adding a replica to an imported cluster needs that password first."
      />
      <ImportForm hosts={hosts} />
    </>
  );
}
