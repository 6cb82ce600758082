import Link from 'next/link';
import { ReplicaStatusBadge } from '@/components/lag/replica-status-badge';
import { Badge } from '@/components/ui/badge';
import type { FleetCluster } from '@/lib/db/fleet-read';
import { formatBytes } from '@/lib/format/bytes';
import { formatLagMs } from '@/lib/lag/units';

const OP_TONE: Record<string, 'good' | 'warn' | 'bad' | 'neutral'> = { succeeded: 'good', running: 'warn', pending: 'neutral', failed: 'bad', interrupted: 'bad', cancelled: 'neutral' };

function ago(at: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 90) return `${seconds} s ago`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86_400)} days ago`;
}

function WorstLag({ cluster }: { cluster: FleetCluster }) {
  const { bytes, ms, idle } = cluster.worstLag;
  if (bytes === null && ms === null && !idle) return <span className="text-muted">—</span>;
  return (
    <span className="font-mono text-xs">
      {bytes === null ? '—' : formatBytes(bytes)} · {ms !== null ? formatLagMs(ms) : idle ? <span className="text-muted" title="No WAL in flight: PostgreSQL reports no time lag">idle</span> : '—'}
    </span>
  );
}

function Alerts({ cluster }: { cluster: FleetCluster }) {
  const { critical, warning } = cluster.openAlerts;
  if (critical + warning === 0) return <span className="text-xs text-muted">none</span>;
  return (
    <span className="flex gap-1">
      {critical ? <Badge tone="bad">{critical} critical</Badge> : null}
      {warning ? <Badge tone="warn">{warning} warning</Badge> : null}
    </span>
  );
}

/** One row per cluster: health, replicas, worst lag, open alerts, last operation. */
export function FleetTable({ clusters, now }: { clusters: readonly FleetCluster[]; now: number }) {
  return (
    <table className="w-full text-sm" data-testid="fleet-table">
      <thead className="text-left text-xs text-muted">
        <tr>
          <th className="py-2 pr-4 font-normal">Cluster</th>
          <th className="pr-4 font-normal">Health</th>
          <th className="pr-4 font-normal">Replicas</th>
          <th className="pr-4 font-normal">Worst replay lag</th>
          <th className="pr-4 font-normal">Open alerts</th>
          <th className="font-normal">Last operation</th>
        </tr>
      </thead>
      <tbody>
        {clusters.map((cluster) => (
          <tr key={cluster.id} className="border-t border-line align-top" data-testid={`fleet-${cluster.name}`}>
            <td className="py-2 pr-4">
              <Link href={`/clusters/${cluster.id}`} className="font-medium text-accent hover:underline">{cluster.name}</Link>
              <p className="text-xs text-muted">{cluster.memberCount} member{cluster.memberCount === 1 ? '' : 's'} · {cluster.status.replace('_', ' ')}</p>
            </td>
            <td className="pr-4">{cluster.health ? <ReplicaStatusBadge status={cluster.health} testId={`fleet-health-${cluster.name}`} /> : <span className="text-xs text-muted">no replicas</span>}</td>
            <td className="pr-4">
              <ul className="space-y-0.5">
                {cluster.replicas.map((replica) => (
                  <li key={replica.hostId} className="flex items-center gap-2 text-xs">{replica.name} <ReplicaStatusBadge status={replica.status} /></li>
                ))}
              </ul>
            </td>
            <td className="pr-4"><WorstLag cluster={cluster} /></td>
            <td className="pr-4"><Alerts cluster={cluster} /></td>
            <td className="text-xs">
              {cluster.lastOperation ? (
                <Link href={`/operations/${cluster.lastOperation.id}`} className="hover:underline">
                  {cluster.lastOperation.kind.replaceAll('_', ' ')} <Badge tone={OP_TONE[cluster.lastOperation.status] ?? 'neutral'}>{cluster.lastOperation.status}</Badge>{' '}
                  <span className="text-muted">{ago(cluster.lastOperation.at, now)}</span>
                </Link>
              ) : <span className="text-muted">none</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
