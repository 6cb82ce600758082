import { BackupsSection } from '@/components/backups/backups-section';
import { ClusterPageHeader } from '@/components/clusters/cluster-page-header';
import { can } from '@/lib/auth/roles';
import { readBackupsView } from '@/lib/db/backups-read';
import { loadClusterPage } from '../load-cluster';

/** The cluster's backups: recovery window, back up, restore, drills, every backup and the history; the settings for admins. */
export default async function ClusterBackupsPage({ params }: { params: Promise<{ id: string }> }) {
  const { user, cluster } = await loadClusterPage(params);
  const view = await readBackupsView(cluster.id);
  return (
    <>
      <ClusterPageHeader cluster={cluster} current="backups" />
      <BackupsSection cluster={{ id: cluster.id, name: cluster.name, members: cluster.members.map((member) => ({ name: member.host.name, role: member.role })) }} view={view} canOperate={can(user.role, 'operations.run')} isAdmin={can(user.role, 'settings.manage')} />
    </>
  );
}
