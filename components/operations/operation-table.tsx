import Link from 'next/link';
import type { OperationSummaryView } from '@/lib/db/operations-read';
import { formatElapsed, formatTime, spanMs } from './format';
import { StatusBadge } from './status-badge';

const headings = ['#', 'Kind', 'Cluster', 'Status', 'Requested by', 'Reason', 'Started', 'Duration', 'Outcome'];

export function OperationTable({ operations }: { operations: OperationSummaryView[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-line">
      <table className="w-full text-left text-sm" data-testid="operation-table">
        <thead className="bg-panel text-xs uppercase tracking-wide text-muted">
          <tr>
            {headings.map((heading) => (
              <th key={heading} className="px-4 py-2.5 font-medium">{heading}</th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {operations.map((operation) => {
            const duration = operation.finishedAt ? spanMs(operation.startedAt, operation.finishedAt, null) : null;
            return (
              <tr key={operation.id} className="align-top hover:bg-panel/60">
                <td className="px-4 py-2.5">
                  <Link href={`/operations/${operation.id}`} className="font-medium text-accent hover:underline">{operation.id}</Link>
                </td>
                <td className="px-4 py-2.5 font-mono text-xs">{operation.kind}</td>
                <td className="px-4 py-2.5">
                  {operation.cluster ? <Link href={`/operations?cluster=${operation.cluster.id}`} className="hover:underline">{operation.cluster.name}</Link> : '—'}
                </td>
                <td className="px-4 py-2.5"><StatusBadge status={operation.status} /></td>
                <td className="px-4 py-2.5 text-muted">{operation.requestedBy}</td>
                <td className="max-w-48 px-4 py-2.5 text-muted">{operation.reason || '—'}</td>
                <td className="whitespace-nowrap px-4 py-2.5 font-mono text-xs">{formatTime(operation.startedAt ?? operation.createdAt)}</td>
                <td className="whitespace-nowrap px-4 py-2.5 font-mono text-xs">{duration === null ? '—' : formatElapsed(duration)}</td>
                <td className="max-w-md px-4 py-2.5 text-muted">{operation.outcome ?? '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
