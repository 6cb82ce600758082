import { Panel } from '@/components/ui/panel';
import { currentMemberStates } from '@/lib/clusters/member-states';
import type { ClusterSummary } from '@/lib/db/clusters';
import { loadBackupPlan } from '@/lib/db/backups';
import { readRoutingHooks } from '@/lib/db/failover';
import { listFailoverRuns } from '@/lib/db/failover-history';
import { plannedFailoverUnavailable } from '@/lib/failover/planned-availability';
import { ConnectionString } from './connection-string';
import { DrillForm } from './drill-form';
import { FailoverHistory } from './failover-history';
import { RejoinForm } from './rejoin-form';
import { RoutingHooksForm } from './routing-hooks-form';
import { SwitchoverForm } from './switchover-form';

/** The hooks editor's data: the hooks as JSON and the names of the hook secrets set (their values never leave the server). */
async function routingHooksFormProps(clusterId: number): Promise<{ hooksJson: string; secretNames: string[] }> {
  const { hooks, secretNames } = await readRoutingHooks(clusterId);
  return { hooksJson: JSON.stringify(hooks, null, 2), secretNames };
}

/**
 * The cluster page's failover section (the fence guard's records are on the overview):
 * connection string, rejoin of fenced members, planned switchover, drill, routing hooks
 * (admins) and the history of promotes, switchovers, drills and rejoins with their figures.
 * Forms appear for operators only; the actions check the role again. Switchover and drill
 * are replaced by the reason they cannot run while the primary does not answer (the
 * banner's reading).
 */
export async function FailoverSection({ cluster, canOperate, isAdmin }: { cluster: ClusterSummary; canOperate: boolean; isAdmin: boolean }) {
  const clusterId = cluster.id;
  const runs = await listFailoverRuns(clusterId);
  const primary = cluster.members.find((member) => member.role === 'primary');
  const replicas = cluster.members.filter((member) => member.role === 'replica' && !member.fenced).map((member) => member.host.name);
  const fenced = cluster.members.filter((member) => member.fenced);
  const backupsEnabled = fenced.length > 0 && Boolean((await loadBackupPlan(clusterId))?.enabledAt);
  const unavailable = canOperate && primary ? plannedFailoverUnavailable(primary.host.name, (await currentMemberStates(clusterId, [primary.host.id])).states.get(primary.host.id)) : null;
  return (
    <div className="space-y-4" data-testid="failover-section">
      <Panel title="Connection string for clients">
        <ConnectionString members={cluster.members.map((member) => ({ address: member.host.sshAddress, pgPort: member.host.pgPort, role: member.role, fenced: member.fenced }))} />
      </Panel>
      {canOperate && primary ? fenced.map((member) => (
        <Panel key={member.host.name} title={`Rejoin ${member.host.name}`}>
          <RejoinForm clusterId={clusterId} member={member.host.name} primary={primary.host.name} fenceReason={member.fenceReason} backupsEnabled={backupsEnabled} />
        </Panel>
      )) : null}
      {unavailable && replicas.length > 0 ? (
        <Panel title="Planned switchover and failover drill"><p className="text-sm text-muted" data-testid="planned-unavailable">{unavailable}</p></Panel>
      ) : null}
      {canOperate && primary && replicas.length > 0 && !unavailable ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <Panel title="Planned switchover"><SwitchoverForm clusterId={clusterId} clusterName={cluster.name} primary={primary.host.name} replicas={replicas} /></Panel>
          <Panel title="Failover drill"><DrillForm clusterId={clusterId} clusterName={cluster.name} primary={primary.host.name} replicas={replicas} /></Panel>
        </div>
      ) : null}
      {isAdmin ? <Panel title="Routing hooks"><RoutingHooksForm clusterId={clusterId} {...await routingHooksFormProps(clusterId)} /></Panel> : null}
      <Panel title="Promotes, switchovers and drills"><FailoverHistory runs={runs} /></Panel>
    </div>
  );
}
