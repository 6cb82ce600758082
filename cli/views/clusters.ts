import { formatBytes } from '@/lib/format/bytes';
import { formatLagMs } from '@/lib/lag/units';
import type { ClusterDetail, ClusterList } from '../api-types';
import { ago, orDash, renderTable } from './table';

type Member = ClusterDetail['members'][number];
type Replica = ClusterDetail['replicas'][number];
type Sample = NonNullable<Replica['sample']>;

/** `tandem status`: one row per cluster. */
export function clustersTable({ clusters }: ClusterList): string {
  if (clusters.length === 0) return 'No clusters yet: set one up in Tandem under Clusters → New, or import one.\n';
  return renderTable(
    ['NAME', 'ID', 'STATUS', 'POSTGRESQL', 'PRIMARY', 'REPLICAS'],
    clusters.map((cluster) => [
      cluster.name,
      String(cluster.id),
      cluster.status,
      orDash(cluster.pgMajor),
      cluster.members.filter((member) => member.role === 'primary').map((member) => member.host.name).join(', ') || '—',
      cluster.members.filter((member) => member.role === 'replica').map((member) => member.host.name + (member.fenced ? ' (fenced)' : '')).join(', ') || '—',
    ]),
  );
}

/** What PostgreSQL on the member says of itself right now. */
function memberState({ state }: Member): string {
  if (!state.reachable) return 'unreachable';
  if (!state.inRecovery) return 'read-write';
  return state.receiver ? `in recovery, receiver ${state.receiver}` : 'in recovery, no receiver';
}

/** Time lag as the pages show it: `idle` when PostgreSQL reports none while bytes were measured, never 0. */
function timeLag(sample: Sample): string {
  if (sample.replayLagMs !== null) return formatLagMs(sample.replayLagMs);
  return sample.replayBytes === null ? '—' : 'idle';
}

/** Where the members' states were read: the poller's latest tick, or each member just now. */
function statesFrom(detail: ClusterDetail): string {
  if (detail.statesFrom.kind === 'direct') return 'each member read just now';
  return detail.statesFrom.ageMs === undefined ? 'the poller' : `the poller, ${formatLagMs(detail.statesFrom.ageMs)} ago`;
}

/** `tandem status CLUSTER`: the cluster, then its members with role, state, replica status and lag, then why any member did not answer. */
export function clusterView(detail: ClusterDetail): string {
  const replicas = new Map(detail.replicas.map((replica) => [replica.hostId, replica]));
  const heading = `Cluster ${detail.name} (id ${detail.id}): ${detail.status}, PostgreSQL ${orDash(detail.pgMajor)}, ${detail.monitored ? 'monitored' : 'not monitored'}; states from ${statesFrom(detail)}\n\n`;
  const table = renderTable(
    ['MEMBER', 'ADDRESS', 'ROLE', 'STATE', 'STATUS', 'REPLAY LAG', 'TIME LAG'],
    detail.members.map((member) => {
      const replica = replicas.get(member.host.id);
      const sample = replica?.sample ?? null;
      return [
        member.host.name,
        `${member.host.sshAddress}:${member.host.pgPort}`,
        member.role + (member.fenced ? ' (fenced)' : ''),
        memberState(member),
        replica?.status ?? '—',
        sample ? orDash(sample.replayBytes, formatBytes) : '—',
        sample ? timeLag(sample) : '—',
      ];
    }),
  );
  const notes = detail.members.flatMap((member) => [
    ...(member.state.reachable ? [] : [`${member.host.name}: ${member.state.error}`]),
    ...(member.fenced && member.fenceReason ? [`${member.host.name} is fenced: ${member.fenceReason}`] : []),
  ]);
  return heading + table + (notes.length ? `\n${notes.join('\n')}\n` : '');
}

/** `tandem lag CLUSTER`: each replica's newest sample, bytes behind the primary at each WAL position and time lag. */
export function lagTable(detail: ClusterDetail, now: number): string {
  if (detail.replicas.length === 0) return `Cluster ${detail.name} has no replicas.\n`;
  return renderTable(
    ['REPLICA', 'STATUS', 'SYNC', 'SENT', 'WRITE', 'FLUSH', 'REPLAY', 'REPLAY TIME', 'HEARTBEAT', 'REPLY AGE', 'SAMPLE AGE'],
    detail.replicas.map(({ name, status, sample }) => [
      name,
      status,
      orDash(sample?.syncState),
      orDash(sample?.sentBytes, formatBytes),
      orDash(sample?.writeBytes, formatBytes),
      orDash(sample?.flushBytes, formatBytes),
      orDash(sample?.replayBytes, formatBytes),
      sample ? timeLag(sample) : '—',
      orDash(sample?.heartbeatLagMs, formatLagMs),
      orDash(sample?.replyAgeMs, formatLagMs),
      sample ? ago(sample.at, now) : '—',
    ]),
  );
}
