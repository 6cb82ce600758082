import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import type { HostSummary } from '@/lib/db/hosts';

export function HostTable({ hosts }: { hosts: HostSummary[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-line">
      <table className="w-full text-left text-sm">
        <thead className="bg-panel text-xs uppercase tracking-wide text-muted">
          <tr>
            <th className="px-4 py-2.5 font-medium">Name</th>
            <th className="px-4 py-2.5 font-medium">SSH</th>
            <th className="px-4 py-2.5 font-medium">PostgreSQL</th>
            <th className="px-4 py-2.5 font-medium">Host key</th>
            <th className="px-4 py-2.5 font-medium">Cluster</th>
            <th className="px-4 py-2.5 font-medium">Labels</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {hosts.map((host) => (
            <tr key={host.id} className="hover:bg-panel/60">
              <td className="px-4 py-2.5">
                <Link href={`/hosts/${host.id}`} className="font-medium text-accent hover:underline">
                  {host.name}
                </Link>
              </td>
              <td className="px-4 py-2.5 font-mono text-xs">
                {host.sshUser}@{host.sshAddress}:{host.sshPort}
              </td>
              <td className="px-4 py-2.5 font-mono text-xs">:{host.pgPort}</td>
              <td className="px-4 py-2.5">{host.hostKeyFingerprint ? <Badge tone="good">pinned</Badge> : <Badge tone="warn">not yet accepted</Badge>}</td>
              <td className="px-4 py-2.5 text-muted">{host.memberships[0] ? `${host.memberships[0].cluster.name} (${host.memberships[0].role})` : '—'}</td>
              <td className="space-x-1 px-4 py-2.5">
                {host.labels.map((label) => (
                  <Badge key={label}>{label}</Badge>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
