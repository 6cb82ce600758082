import { DefinitionList } from '@/components/ui/definition-list';
import type { HostFacts, ServiceControl } from '@/lib/discovery/facts';
import { formatBytes } from '@/lib/format/bytes';

const bytes = (value: number | null | undefined) => (value === null || value === undefined ? 'unknown' : formatBytes(value));

const yesNo = (value: boolean | null) => (value === null ? 'unknown' : value ? 'on' : 'off');

function controlText(control: ServiceControl): string {
  if (control.kind === 'systemd') return `systemd unit ${control.unit}`;
  if (control.kind === 'pg_ctlcluster') return `pg_ctlcluster ${control.version} ${control.name}`;
  return `pg_ctl -D ${control.dataDirectory}`;
}

/** What discovery found on the host, as a definition list a DBA can scan. */
export function DiscoveredFacts({ facts, staleSince }: { facts: HostFacts; staleSince: Date | null }) {
  const cluster = facts.cluster;
  const rows: [string, string][] = [
    ['Host name', facts.hostname],
    ['Operating system', `${facts.os.prettyName} · ${facts.os.kernel}`],
    ['Init system', facts.systemd ? 'systemd' : 'not systemd'],
    ['PostgreSQL installed', facts.installedVersions.length ? facts.installedVersions.join(', ') : 'none found'],
    ['Clusters', facts.clusters.map((c) => `${c.version}${c.name ? `/${c.name}` : ''} :${c.port} ${c.running ? (c.inRecovery ? 'online, recovery' : 'online') : 'down'}`).join(' · ') || 'none'],
  ];
  if (cluster) {
    rows.push(
      ['Managed cluster', `${cluster.version}${cluster.name ? `/${cluster.name}` : ''} on port ${cluster.port}${cluster.serverVersion ? ` (server ${cluster.serverVersion})` : ''}`],
      ['State', cluster.running ? (cluster.inRecovery ? 'running, in recovery (standby)' : 'running, not in recovery (primary)') : 'stopped'],
      ['Service control', controlText(cluster.control)],
      ['Data directory', cluster.dataDirectory],
      ['config_file', cluster.configFile ?? 'unknown'],
      ['hba_file', cluster.hbaFile ?? 'unknown'],
      ['Data checksums', yesNo(cluster.dataChecksums)],
      ['wal_log_hints', yesNo(cluster.walLogHints)],
      ['wal_level', cluster.walLevel ?? 'unknown'],
      ['listen_addresses', cluster.listenAddresses ?? 'unknown'],
      ['Database size', bytes(cluster.databaseBytes)],
      ['Free disk (data directory)', cluster.disk ? `${bytes(cluster.disk.freeBytes)} of ${bytes(cluster.disk.totalBytes)}` : 'unknown'],
    );
  }
  return (
    <div>
      {staleSince ? (
        <p className="mb-3 text-xs text-warn" data-testid="stale-facts">
          Last known facts, from the check at {staleSince.toISOString().replace('T', ' ').slice(0, 19)} UTC.
        </p>
      ) : null}
      <DefinitionList rows={rows} mono testId="discovered-facts" />
      {facts.notes.map((note) => (
        <p key={note} className="mt-3 text-sm text-warn">{note}</p>
      ))}
    </div>
  );
}
