import type { HostFacts, ManagedClusterFacts } from '@/lib/discovery/facts';
import type { DiscoveryProblem, PrimaryProbe, ReplicaProbe, SetupOptions, SetupPrimary, SetupReplica, SetupSnapshot } from './setup-types';

const GIB = 1024 ** 3;

export interface HostOverrides {
  readonly name?: string;
  readonly address?: string;
  readonly hostKeyPinned?: boolean;
  readonly discoveryProblem?: DiscoveryProblem | null;
  /** `null` for a host without a managed cluster. */
  readonly cluster?: Partial<ManagedClusterFacts> | null;
  readonly facts?: HostFacts | null;
}

export interface SnapshotOverrides {
  /** Major version of every host unless a host's cluster overrides it; default `15`. */
  readonly version?: string;
  readonly primary?: HostOverrides & { readonly probe?: Partial<PrimaryProbe> | null };
  /** A number of default replicas, or one override object per replica; default 1. */
  readonly replicas?: number | readonly (HostOverrides & { readonly probe?: Partial<ReplicaProbe> | null })[];
}

function debianCluster(version: string, running: boolean, inRecovery: boolean, overrides: Partial<ManagedClusterFacts>): ManagedClusterFacts {
  return {
    version,
    name: 'main',
    port: 5432,
    running,
    inRecovery,
    dataDirectory: `/var/lib/postgresql/${version}/main`,
    configFile: `/etc/postgresql/${version}/main/postgresql.conf`,
    hbaFile: `/etc/postgresql/${version}/main/pg_hba.conf`,
    control: { kind: 'systemd', unit: `postgresql@${version}-main` },
    serverVersion: `${version}.8`,
    dataChecksums: false,
    walLogHints: false,
    walLevel: 'replica',
    listenAddresses: '*',
    ssl: true,
    databaseBytes: 2 * GIB,
    disk: { path: `/var/lib/postgresql/${version}/main`, totalBytes: 100 * GIB, freeBytes: 50 * GIB },
    parentWritable: true,
    ...overrides,
  };
}

function makeFacts(name: string, version: string, overrides: HostOverrides): HostFacts | null {
  if (overrides.facts !== undefined) return overrides.facts;
  const cluster = overrides.cluster === null ? null : debianCluster(version, true, false, overrides.cluster ?? {});
  return {
    hostname: name,
    os: { id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)', kernel: '6.1.0' },
    systemd: true,
    installedVersions: [version],
    clusters: [],
    cluster,
    notes: [],
  };
}

function makeReplica(index: number, version: string, overrides: HostOverrides & { readonly probe?: Partial<ReplicaProbe> | null }): SetupReplica {
  const name = overrides.name ?? `db${index + 2}`;
  return {
    name,
    address: overrides.address ?? `10.88.0.${index + 12}`,
    hostKeyPinned: overrides.hostKeyPinned ?? true,
    discoveryProblem: overrides.discoveryProblem ?? null,
    facts: overrides.discoveryProblem ? null : makeFacts(name, version, { ...overrides, cluster: overrides.cluster === null ? null : { databaseBytes: 30 * 1024 ** 2, ...overrides.cluster } }),
    probe: overrides.probe === null ? null : { pgIsReadyExitCode: 0, ...overrides.probe },
  };
}

/**
 * A setup snapshot for tests: a PostgreSQL 15 primary `db1` (10.88.0.11) and replicas
 * `db2`, `db3`, … (10.88.0.12, …) on Debian with systemd, everything passing preflight.
 */
export function makeSnapshot(overrides: SnapshotOverrides = {}): SetupSnapshot {
  const version = overrides.version ?? '15';
  const p = overrides.primary ?? {};
  const name = p.name ?? 'db1';
  const primary: SetupPrimary = {
    name,
    address: p.address ?? '10.88.0.11',
    hostKeyPinned: p.hostKeyPinned ?? true,
    discoveryProblem: p.discoveryProblem ?? null,
    facts: p.discoveryProblem ? null : makeFacts(name, version, p),
    probe: p.probe === null ? null : {
      maxWalSenders: 10,
      maxReplicationSlots: 10,
      walSenderNames: [],
      slotNames: [],
      fsync: 'on',
      fullPageWrites: 'on',
      synchronousCommit: 'on',
      replicationRole: null,
      ...p.probe,
    },
  };
  const list = typeof overrides.replicas === 'number' || overrides.replicas === undefined
    ? Array.from({ length: overrides.replicas ?? 1 }, () => ({}))
    : overrides.replicas;
  return { primary, replicas: list.map((replica, index) => makeReplica(index, version, replica)) };
}

/** Default wizard options with a fixed stamp and token, for tests. */
export function makeOptions(overrides: Partial<SetupOptions> = {}): SetupOptions {
  return {
    clusterName: 'orders',
    roleName: 'replicator',
    passwordMethod: 'scram-sha-256',
    slots: true,
    maxSlotWalKeepSize: '10GB',
    baseBackupMaxRateKb: null,
    walKeepSize: '1GB',
    mode: 'async',
    tls: false,
    existingData: 'move-aside',
    setListenAddresses: false,
    enableWalLogHints: true,
    reuseExistingRole: false,
    stamp: '20261103T101500Z',
    canaryToken: 'tok_0123456789',
    ...overrides,
  };
}
