import { HostForm } from '@/components/hosts/host-form';
import { PageHeader } from '@/components/ui/page-header';
import { ComingLater } from '@/components/ui/panel';
import { requireUser } from '@/lib/auth/current-user';
import { can } from '@/lib/auth/roles';

export const metadata = { title: 'Add host' };

export default async function NewHostPage() {
  const user = await requireUser();
  return (
    <>
      <PageHeader title="Add host" description="Tandem connects as this SSH user; root or passwordless sudo is needed to manage PostgreSQL." />
      {can(user.role, 'hosts.write') ? <HostForm /> : <ComingLater>Your role ({user.role}) cannot add hosts.</ComingLater>}
    </>
  );
}
