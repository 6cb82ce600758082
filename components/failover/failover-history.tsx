import Link from 'next/link';
import { StatusBadge } from '@/components/operations/status-badge';
import type { FailoverRun } from '@/lib/db/failover-history';
import { formatBytes } from '@/lib/failover/lsn';
import type { OperationStatus } from '@/lib/replication/engine';

const seconds = (ms: number | undefined) => (ms === undefined ? null : `${(ms / 1000).toFixed(2)} s`);

function figures(run: FailoverRun): string[] {
  const m = run.metrics;
  const parts: (string | null)[] = [];
  if (run.kind === 'drill') {
    parts.push(m.thereRtoWritableMs !== undefined ? `there: writable after ${seconds(m.thereRtoWritableMs)}, write gap ${seconds(m.thereWriteGapMs)}` : null);
    parts.push(m.backRtoWritableMs !== undefined ? `back: writable after ${seconds(m.backRtoWritableMs)}, write gap ${seconds(m.backWriteGapMs)}` : null);
    parts.push(m.drillCommits !== undefined ? `${m.drillCommits} commits, ${m.drillLost ?? '?'} lost, longest gap ${seconds(m.drillMaxGapMs)}` : null);
  } else {
    parts.push(m.rtoWritableMs !== undefined ? `RTO ${seconds(m.rtoWritableMs)} to writable, ${seconds(m.rtoTotalMs)} in all` : null);
    parts.push(m.writeGapMs !== undefined ? `write gap ${seconds(m.writeGapMs)}` : null);
    parts.push(m.rpoBytes !== undefined ? `RPO ${formatBytes(m.rpoBytes)}` : null);
    parts.push(m.rewindMs !== undefined ? `pg_rewind ${seconds(m.rewindMs)}` : null);
    parts.push(m.fenceAcknowledged === 1 && m.fenceStopped === 0 ? 'old primary fenced on acknowledgement (unreachable)' : m.fenceStopped === 1 ? 'old primary stopped and fenced' : null);
  }
  return parts.filter((part): part is string => part !== null);
}

/** The cluster's failover record: each promote, switchover, drill and rejoin with its date and measured figures. */
export function FailoverHistory({ runs }: { runs: readonly FailoverRun[] }) {
  if (runs.length === 0) return <p className="text-sm text-muted">No promote, switchover, drill or rejoin yet. A drill measures your RTO before an incident does.</p>;
  return (
    <ul className="divide-y divide-line text-sm" data-testid="failover-history">
      {runs.map((run) => (
        <li key={run.id} className="flex flex-wrap items-start justify-between gap-3 py-2">
          <div className="min-w-0 space-y-0.5">
            <p><Link href={`/operations/${run.id}`} className="font-medium text-accent hover:underline">{run.kind} #{run.id}</Link> <span className="text-muted">{run.createdAt.replace('T', ' ').slice(0, 16)} UTC · {run.requestedBy}</span></p>
            <p className="text-muted">{run.reason}</p>
            {figures(run).map((line) => <p key={line} className="text-xs">{line}</p>)}
          </div>
          <StatusBadge status={run.status as OperationStatus} />
        </li>
      ))}
    </ul>
  );
}
