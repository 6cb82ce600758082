import Link from 'next/link';
import { formatTime } from '@/components/operations/format';
import type { FenceEnforcementView } from '@/lib/db/fencing';

/**
 * What the fence guard found and did when a fenced member answered again, newest per
 * member: shown to everyone, because during an incident "the old primary came back" is
 * the first thing to know, and that Tandem already stopped it the second. `rejoinHref`
 * (for operators) links to where a fenced member is rejoined.
 */
export function FenceRecords({ records, rejoinHref }: { records: readonly FenceEnforcementView[]; rejoinHref?: string }) {
  if (records.length === 0) return null;
  return (
    <div className="space-y-2" data-testid="fence-records">
      {records.map((record) => (
        <div key={record.hostName} role={record.ok ? 'status' : 'alert'} data-testid={`fence-record-${record.hostName}`}
          className={`rounded-md border p-3 text-sm ${record.ok ? 'border-warn/50 bg-warn/10' : 'border-danger/50 bg-danger/10 font-semibold text-danger'}`}>
          <p>{record.outcome}</p>
          <p className="mt-1 text-xs text-muted">
            Answered at {formatTime(record.answeredAt.toISOString())}
            {record.stoppedAt ? <> · stopped at {formatTime(record.stoppedAt.toISOString())}</> : null}
            {record.windowMs !== null ? <> · {(record.windowMs / 1000).toFixed(1)} s from its first answer to the stop</> : null}
            {' · '}{record.trigger === 'writable' ? 'seen accepting writes by the poller' : 'reached over SSH by the fence guard'}
          </p>
        </div>
      ))}
      {rejoinHref ? <p className="text-sm"><Link href={rejoinHref} className="text-accent hover:underline">Rejoin a fenced member on the Failover tab</Link></p> : null}
    </div>
  );
}
