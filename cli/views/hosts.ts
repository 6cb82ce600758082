import type { HostList } from '../api-types';
import { renderTable } from './table';

/** `tandem hosts`: the inventory, where each host is reached and what it belongs to (the API never sends a secret). */
export function hostsTable({ hosts }: HostList): string {
  if (hosts.length === 0) return 'No hosts yet: add them in Tandem under Hosts.\n';
  return renderTable(
    ['NAME', 'ID', 'SSH', 'AUTH', 'PG PORT', 'PG VIA', 'HOST KEY', 'CLUSTERS', 'LABELS'],
    hosts.map((host) => [
      host.name,
      String(host.id),
      `${host.sshUser}@${host.sshAddress}:${host.sshPort}`,
      host.authMethod,
      String(host.pgPort),
      host.pgVia,
      host.hostKeyPinnedAt ? 'pinned' : 'not pinned',
      host.clusters.map((cluster) => `${cluster.name} (${cluster.role})`).join(', ') || '—',
      host.labels.join(', ') || '—',
    ]),
  );
}
