import { Badge } from '@/components/ui/badge';
import type { listAuditEvents } from '@/lib/db/audit';

type AuditRow = Awaited<ReturnType<typeof listAuditEvents>>[number];

const tone = { ok: 'good', denied: 'bad', failed: 'warn' } as const;

export function AuditTable({ events }: { events: AuditRow[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-line">
      <table className="w-full text-left text-sm">
        <thead className="bg-panel text-xs uppercase tracking-wide text-muted">
          <tr>
            <th className="px-3 py-2 font-medium">Time (UTC)</th>
            <th className="px-3 py-2 font-medium">Actor</th>
            <th className="px-3 py-2 font-medium">Action</th>
            <th className="px-3 py-2 font-medium">Target</th>
            <th className="px-3 py-2 font-medium">Summary</th>
            <th className="px-3 py-2 font-medium">Client</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {events.map((event) => (
            <tr key={event.id} data-testid="audit-row">
              <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{event.at.toISOString().replace('T', ' ').slice(0, 19)}</td>
              <td className="px-3 py-2">{event.actorEmail}{event.actorVia ? <span className="block text-xs text-muted" data-testid="audit-via">via {event.actorVia}</span> : null}</td>
              <td className="whitespace-nowrap px-3 py-2">
                <code className="text-xs">{event.action}</code> <Badge tone={tone[event.outcome as keyof typeof tone] ?? 'neutral'}>{event.outcome}</Badge>
              </td>
              <td className="px-3 py-2 text-muted">{event.targetName ?? event.targetId ?? '—'}</td>
              <td className="px-3 py-2">{event.summary}</td>
              <td className="px-3 py-2 font-mono text-xs text-muted">{event.clientAddress ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
