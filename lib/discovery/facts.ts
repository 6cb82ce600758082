/** One PostgreSQL cluster as `pg_lsclusters` (or the process list) reports it. */
export interface ClusterListing {
  version: string;
  name: string | null;
  port: number;
  running: boolean;
  inRecovery: boolean;
  owner: string | null;
  dataDirectory: string;
  logFile: string | null;
  /** Where the server's own binaries are (its postmaster's directory), when known. */
  binDirectory?: string;
}

export interface DiskUsage {
  path: string;
  totalBytes: number;
  freeBytes: number;
}

export type ServiceControl =
  | { kind: 'systemd'; unit: string; binDirectory?: string }
  | { kind: 'pg_ctlcluster'; version: string; name: string }
  | { kind: 'pg_ctl'; dataDirectory: string; binDirectory?: string };

/** The cluster Tandem manages on a host: the one listening on the host's PostgreSQL port. */
export interface ManagedClusterFacts {
  version: string;
  name: string | null;
  port: number;
  running: boolean;
  inRecovery: boolean | null;
  dataDirectory: string;
  configFile: string | null;
  hbaFile: string | null;
  control: ServiceControl;
  serverVersion: string | null;
  dataChecksums: boolean | null;
  walLogHints: boolean | null;
  walLevel: string | null;
  listenAddresses: string | null;
  ssl: boolean | null;
  databaseBytes: number | null;
  disk: DiskUsage | null;
  /** Whether postgres may write in the data directory's parent, where Tandem keeps the replication passfile; null when not known. */
  parentWritable: boolean | null;
}

export interface HostFacts {
  hostname: string;
  os: { id: string; versionId: string | null; prettyName: string; kernel: string };
  systemd: boolean;
  installedVersions: string[];
  clusters: ClusterListing[];
  cluster: ManagedClusterFacts | null;
  notes: string[];
}
