import { Badge } from '@/components/ui/badge';
import { DefinitionList } from '@/components/ui/definition-list';
import { Panel } from '@/components/ui/panel';
import type { HostSummary } from '@/lib/db/hosts';

export function HostFacts({ host }: { host: HostSummary }) {
  const rows: [string, React.ReactNode][] = [
    ['Authentication', host.authMethod === 'key' ? 'Private key (stored encrypted)' : 'Password (stored encrypted)'],
    ['Host key', host.hostKeyFingerprint ? <code className="font-mono text-xs">{host.hostKeyType} {host.hostKeyFingerprint}</code> : <Badge tone="warn">not yet accepted</Badge>],
    ['PostgreSQL connection', host.pgVia === 'direct' ? `direct TCP to port ${host.pgPort}` : `through an SSH tunnel to port ${host.pgPort}`],
    ['Cluster', host.memberships[0] ? `${host.memberships[0].cluster.name} (${host.memberships[0].role})` : 'none'],
    ['Labels', host.labels.length ? host.labels.join(', ') : 'none'],
    ['Notes', host.notes || 'none'],
    ['Added', host.createdAt.toISOString().replace('T', ' ').slice(0, 19) + ' UTC'],
  ];
  return (
    <Panel title="Host">
      <DefinitionList rows={rows} />
    </Panel>
  );
}
