import { isServerConfigPath } from '@/lib/replication/names';
import type { ClusterListing, HostFacts, ManagedClusterFacts, ServiceControl } from './facts';
import { parseBool, parseDiskLines, parseLsClusters, parseOsRelease, parseParentWritable, parsePgdataDirs, parsePostmasterPorts, parsePostmasters, parseUnits, splitSections } from './parse';

export interface ScriptFacts {
  facts: Omit<HostFacts, 'cluster'>;
  hasLsClusters: boolean;
  /** Data directory → the systemd unit (without `.service`) that starts it, when systemd runs. */
  units: ReadonlyMap<string, string>;
  /** Data directory → whether postgres may write in its parent directory. */
  parentWritable: ReadonlyMap<string, boolean>;
  disks: ReturnType<typeof parseDiskLines>;
}

/** Turns the discovery script's output into host facts (the managed cluster comes later). */
export function readScriptOutput(output: string): ScriptFacts {
  const sections = splitSections(output);
  const os = parseOsRelease(sections.get('os-release') ?? []);
  const ls = sections.get('lsclusters') ?? [];
  const hasLsClusters = ls[0] === 'present';
  const running = parsePostmasters(sections.get('postmasters') ?? [], parsePostmasterPorts(sections.get('postmaster-ports') ?? []));
  const clusters = mergeListings([...(hasLsClusters ? parseLsClusters(ls.slice(1)) : []), ...running, ...parsePgdataDirs(sections.get('pgdata') ?? [])]);
  return {
    hasLsClusters,
    units: parseUnits(sections.get('units') ?? []),
    parentWritable: parseParentWritable(sections.get('parent-writable') ?? []),
    disks: parseDiskLines(sections.get('disk') ?? []),
    facts: {
      hostname: sections.get('hostname')?.[0] ?? '',
      os: { id: os.ID ?? 'unknown', versionId: os.VERSION_ID ?? null, prettyName: os.PRETTY_NAME ?? 'unknown', kernel: sections.get('uname')?.[0] ?? '' },
      systemd: sections.get('systemd')?.[0] === 'yes',
      installedVersions: [...new Set((sections.get('versions') ?? []).filter((line) => /^\d+(\.\d+)?$/.test(line)))],
      clusters,
      notes: [],
    },
  };
}

/**
 * One listing per data directory, the first source winning: pg_lsclusters (it knows the
 * cluster's name), then a running postmaster, then a data directory found on disk. A
 * cluster Debian's tools do not know of (made by hand with initdb) still shows.
 */
function mergeListings(listings: readonly ClusterListing[]): ClusterListing[] {
  const byDirectory = new Map<string, ClusterListing>();
  for (const listing of listings) {
    const seen = byDirectory.get(listing.dataDirectory);
    if (!seen) byDirectory.set(listing.dataDirectory, listing);
    else if (!seen.binDirectory && listing.binDirectory) byDirectory.set(listing.dataDirectory, { ...seen, binDirectory: listing.binDirectory });
  }
  return [...byDirectory.values()];
}

/**
 * How the cluster is started and stopped on this host: Debian's unit or pg_ctlcluster for a
 * cluster pg_lsclusters names, the systemd unit that starts its data directory (PGDG's
 * postgresql-V), else its own pg_ctl. `units`: data directory → unit, from systemd.
 */
export function serviceControl(cluster: ClusterListing, hasLsClusters: boolean, systemd: boolean, units: ReadonlyMap<string, string> = new Map()): ServiceControl {
  if (hasLsClusters && cluster.name) {
    return systemd ? { kind: 'systemd', unit: `postgresql@${cluster.version}-${cluster.name}` } : { kind: 'pg_ctlcluster', version: cluster.version, name: cluster.name };
  }
  const bin = cluster.binDirectory ? { binDirectory: cluster.binDirectory } : {};
  const unit = systemd ? units.get(cluster.dataDirectory) : undefined;
  if (unit) return { kind: 'systemd', unit, ...bin };
  return { kind: 'pg_ctl', dataDirectory: cluster.dataDirectory, ...bin };
}

/** A configuration file's path as the server names it, or null when it lies outside where Tandem edits configuration. */
function configPath(file: string | null, dataDirectory: string): string | null {
  return file !== null && isServerConfigPath(file, dataDirectory) ? file : null;
}

/**
 * Facts of the managed cluster from its listing, plus its live settings when it runs
 * (`live` is null when PostgreSQL is stopped or could not be asked).
 */
export function managedCluster(cluster: ClusterListing, script: ScriptFacts, live: Record<string, string | null> | null): ManagedClusterFacts {
  const dataDirectory = live?.data_directory ?? cluster.dataDirectory;
  // Where a stopped server keeps its configuration: Debian's directory, else PostgreSQL's default, the data directory.
  const confDirectory = script.hasLsClusters && cluster.name ? `/etc/postgresql/${cluster.version}/${cluster.name}` : dataDirectory;
  const bytes = live?.database_bytes;
  return {
    version: cluster.version,
    name: cluster.name,
    port: cluster.port,
    running: cluster.running,
    inRecovery: live ? parseBool(live.in_recovery) : cluster.running ? cluster.inRecovery : null,
    dataDirectory,
    configFile: configPath(live?.config_file ?? `${confDirectory}/postgresql.conf`, dataDirectory),
    hbaFile: configPath(live?.hba_file ?? `${confDirectory}/pg_hba.conf`, dataDirectory),
    control: serviceControl(cluster, script.hasLsClusters, script.facts.systemd, script.units),
    serverVersion: live?.server_version ?? null,
    dataChecksums: parseBool(live?.data_checksums),
    walLogHints: parseBool(live?.wal_log_hints),
    walLevel: live?.wal_level ?? null,
    listenAddresses: live?.listen_addresses ?? null,
    ssl: parseBool(live?.ssl),
    databaseBytes: bytes && /^\d+$/.test(bytes) ? Number(bytes) : null,
    disk: script.disks.get(dataDirectory) ?? script.disks.get(cluster.dataDirectory) ?? null,
    parentWritable: script.parentWritable.get(dataDirectory) ?? script.parentWritable.get(cluster.dataDirectory) ?? null,
  };
}
