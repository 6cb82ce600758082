import { wizardHost } from '@/components/clusters/wizard-host';
import { SetupWizard } from '@/components/clusters/setup-wizard';
import { PageHeader } from '@/components/ui/page-header';
import { ComingLater } from '@/components/ui/panel';
import { requireUser } from '@/lib/auth/current-user';
import { can } from '@/lib/auth/roles';
import { loadDiscovery } from '@/lib/db/discovery';
import { listHosts } from '@/lib/db/hosts';

export const metadata = { title: 'New cluster' };

export default async function NewClusterPage() {
  const user = await requireUser();
  if (!can(user.role, 'operations.run')) {
    return (
      <>
        <PageHeader title="New cluster" />
        <ComingLater>Your role ({user.role}) cannot set up clusters.</ComingLater>
      </>
    );
  }
  const free = (await listHosts()).filter((host) => host.memberships.length === 0);
  const hosts = await Promise.all(free.map(async (host) => wizardHost(host, await loadDiscovery(host.id))));
  return (
    <>
      <PageHeader title="New cluster" description="Turn one primary and plain PostgreSQL hosts into a streaming-replication cluster. Every step and command is shown before it runs." />
      <SetupWizard hosts={hosts} />
    </>
  );
}
