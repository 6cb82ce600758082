import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import type { ClusterSummary } from '@/lib/db/clusters';

const statusTone = { active: 'good', setting_up: 'warn', failed: 'bad' } as const;

export function ClusterTable({ clusters }: { clusters: ClusterSummary[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-line">
      <table className="w-full text-left text-sm">
        <thead className="bg-panel text-xs uppercase tracking-wide text-muted">
          <tr>
            <th className="px-4 py-2.5 font-medium">Name</th>
            <th className="px-4 py-2.5 font-medium">Status</th>
            <th className="px-4 py-2.5 font-medium">Primary</th>
            <th className="px-4 py-2.5 font-medium">Replicas</th>
            <th className="px-4 py-2.5 font-medium">PostgreSQL</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {clusters.map((cluster) => (
            <tr key={cluster.id}>
              <td className="px-4 py-2.5">
                <Link href={`/clusters/${cluster.id}`} className="font-medium text-accent hover:underline">{cluster.name}</Link>
              </td>
              <td className="px-4 py-2.5"><Badge tone={statusTone[cluster.status]}>{cluster.status.replace('_', ' ')}</Badge></td>
              <td className="px-4 py-2.5">{cluster.members.find((member) => member.role === 'primary')?.host.name ?? '—'}</td>
              <td className="px-4 py-2.5">{cluster.members.filter((member) => member.role === 'replica').map((member) => member.host.name).join(', ') || '—'}</td>
              <td className="px-4 py-2.5">{cluster.pgMajor ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
