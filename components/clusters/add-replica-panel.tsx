import { Panel } from '@/components/ui/panel';
import { loadDiscovery } from '@/lib/db/discovery';
import { listHosts } from '@/lib/db/hosts';
import { replicationPasswordKnown } from '@/lib/setup/add-replica-prepare';
import { AddReplicaForm } from './add-replica-form';
import { wizardHost } from './wizard-host';

/** "Add a replica" on the cluster page, for operators: free hosts, or why it is not possible. */
export async function AddReplicaPanel({ clusterId }: { clusterId: number }) {
  if (!(await replicationPasswordKnown(clusterId))) {
    return (
      <Panel title="Add a replica">
        <p className="text-sm text-muted">
          Tandem does not know this cluster&apos;s replication password (the cluster was imported), so it cannot give a new replica the role&apos;s
          password. Adding a replica needs that password first.
        </p>
      </Panel>
    );
  }
  const free = (await listHosts()).filter((host) => host.memberships.length === 0);
  const hosts = await Promise.all(free.map(async (host) => wizardHost(host, await loadDiscovery(host.id))));
  return (
    <Panel title="Add a replica">
      <AddReplicaForm clusterId={clusterId} hosts={hosts} />
    </Panel>
  );
}
