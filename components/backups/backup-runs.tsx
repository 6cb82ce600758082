import Link from 'next/link';
import { formatTime } from '@/components/operations/format';
import { StatusBadge } from '@/components/operations/status-badge';
import type { OperationRun } from '@/lib/db/operation-runs';
import type { OperationStatus } from '@/lib/replication/engine';
import { describeBackupFigures } from './figures';

/** Backup operations (enable, backups, restores, drills), newest first, each linking to its live page, with its figures. */
export function BackupRuns({ runs, empty, testId }: { runs: readonly OperationRun[]; empty: string; testId: string }) {
  if (runs.length === 0) return <p className="text-sm text-muted">{empty}</p>;
  return (
    <ul className="divide-y divide-line text-sm" data-testid={testId}>
      {runs.map((run) => (
        <li key={run.id} className="flex flex-wrap items-start justify-between gap-3 py-2" data-testid={`backup-run-${run.id}`}>
          <div className="min-w-0 space-y-0.5">
            <p>
              <Link href={`/operations/${run.id}`} className="font-medium text-accent hover:underline">{run.kind} #{run.id}</Link>{' '}
              <span className="text-muted">{formatTime(run.createdAt)} · {run.requestedBy}</span>
            </p>
            <p className="text-muted">{run.reason}</p>
            {run.outcome ? <p className="text-xs text-muted">{run.outcome}</p> : null}
            {describeBackupFigures(run.kind, run.metrics).map((line) => <p key={line} className="text-xs">{line}</p>)}
          </div>
          <StatusBadge status={run.status as OperationStatus} />
        </li>
      ))}
    </ul>
  );
}
