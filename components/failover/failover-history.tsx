import Link from 'next/link';
import { StatusBadge } from '@/components/operations/status-badge';
import type { FailoverRun } from '@/lib/db/failover-history';
import { describeFailoverFigures } from '@/lib/failover/figures';
import type { OperationStatus } from '@/lib/replication/engine';

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
            {describeFailoverFigures(run.kind, run.metrics).map((line) => <p key={line} className="text-xs">{line}</p>)}
          </div>
          <StatusBadge status={run.status as OperationStatus} />
        </li>
      ))}
    </ul>
  );
}
