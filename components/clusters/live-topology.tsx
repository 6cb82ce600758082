import { Topology } from '@/components/clusters/topology';
import { IncidentBanner, PromoteButton } from '@/components/failover/incident-banner';
import { currentMemberStates } from '@/lib/clusters/member-states';
import { describeTopologySource } from '@/lib/clusters/topology-source';
import type { ClusterSummary } from '@/lib/db/clusters';
import { twoPrimariesMessage } from '@/lib/failover/writable';

/**
 * The topology as PostgreSQL reports it now, with what an on-call engineer needs at once:
 * a banner when the recorded primary does not answer, a split-brain warning when two members
 * accept writes, and a promote button per replica for those allowed to run operations.
 * The states come from the poller's latest tick while it is fresh, else from each member
 * directly; the panel says which. The page re-renders on each change of the members'
 * states (ClusterLiveRefresh).
 */
export async function LiveTopology({ cluster, canOperate }: { cluster: ClusterSummary; canOperate: boolean }) {
  const { states, source } = await currentMemberStates(cluster.id, cluster.members.map((member) => member.host.id));
  const primary = cluster.members.find((member) => member.role === 'primary');
  const primaryState = primary ? states.get(primary.host.id) : undefined;
  const split = twoPrimariesMessage(
    cluster.members.map((member) => {
      const state = states.get(member.host.id);
      return { name: member.host.name, reachable: state?.reachable ?? false, inRecovery: state?.reachable ? state.inRecovery : null, fenced: member.fenced };
    }),
  );
  const replicas = cluster.members.filter((member) => member.role === 'replica' && !member.fenced);
  return (
    <div className="space-y-4">
      {split ? <p role="alert" data-testid="two-primaries" className="rounded-md border border-danger/50 bg-danger/10 p-3 text-sm font-semibold text-danger">{split}</p> : null}
      {canOperate && primary && primaryState && !primaryState.reachable ? <IncidentBanner clusterId={cluster.id} primaryName={primary.host.name} error={primaryState.error} /> : null}
      <Topology cluster={cluster} states={states} />
      <p className="text-xs text-muted" data-testid="topology-source">States {describeTopologySource(source)}.</p>
      {canOperate && replicas.length ? (
        <div className="flex flex-wrap gap-3" data-testid="promote-buttons">
          {replicas.map((member) => <PromoteButton key={member.id} clusterId={cluster.id} candidate={member.host.name} />)}
        </div>
      ) : null}
    </div>
  );
}
