import type { HostFacts } from '@/lib/discovery/facts';

/** Probe results for the primary that discovery does not collect (read just before preflight). */
export interface PrimaryProbe {
  readonly maxWalSenders: number;
  readonly maxReplicationSlots: number;
  /** `application_name` of every current walsender (`pg_stat_replication`). */
  readonly walSenderNames: readonly string[];
  /** Names of every replication slot on the primary (`pg_replication_slots`). */
  readonly slotNames: readonly string[];
  /** Raw `SHOW` values, e.g. `on`/`off`. */
  readonly fsync: string;
  readonly fullPageWrites: string;
  readonly synchronousCommit: string;
  /** The role named by the options' `roleName` as `pg_roles` has it; null when no role has that name. */
  readonly replicationRole: ExistingRole | null;
}

/** A role that already exists on the primary: what decides whether setup may take it as the replication role. */
export interface ExistingRole {
  readonly superuser: boolean;
  readonly replication: boolean;
  readonly canLogin: boolean;
}

/** Probe results gathered on a replica-to-be. */
export interface ReplicaProbe {
  /** Exit code of `pg_isready -h <primary> -p <port>` run on the replica; null when it could not be run. */
  readonly pgIsReadyExitCode: number | null;
}

/** One host as the setup wizard sees it. */
/** A failed discovery as preflight states it: the error's code, its sentence and its fix. */
export interface DiscoveryProblem {
  readonly code: string;
  readonly message: string;
  readonly hint: string;
}

export interface SetupHost {
  /** Inventory label; replicas derive their application and slot names from it. */
  readonly name: string;
  /** IP address peers use to reach this host and that it connects from. */
  readonly address: string;
  readonly hostKeyPinned: boolean;
  /** Why the discovery just before preflight failed (its SSH or discovery error); null when it succeeded. */
  readonly discoveryProblem: DiscoveryProblem | null;
  readonly facts: HostFacts | null;
  /** How Tandem's monitoring reaches its PostgreSQL (Host.pgVia); absent means direct. */
  readonly pgVia?: 'direct' | 'ssh-tunnel';
}

export interface SetupPrimary extends SetupHost {
  readonly probe: PrimaryProbe | null;
}

export interface SetupReplica extends SetupHost {
  readonly probe: ReplicaProbe | null;
}

/** Everything preflight and the planner need, gathered before anything changes. */
export interface SetupSnapshot {
  readonly primary: SetupPrimary;
  readonly replicas: readonly SetupReplica[];
}

export type PasswordMethod = 'scram-sha-256' | 'md5';
export type ReplicationMode = 'async' | 'sync';
export type ExistingDataAction = 'move-aside' | 'delete';

/** The DBA's choices in the wizard. */
export interface SetupOptions {
  /** Names the cluster in Tandem and marks its pg_hba lines (`# tandem:<clusterName>`). */
  readonly clusterName: string;
  readonly roleName: string;
  readonly passwordMethod: PasswordMethod;
  readonly slots: boolean;
  /** `max_slot_wal_keep_size` (PostgreSQL 13+), e.g. `10GB`. */
  readonly maxSlotWalKeepSize: string;
  /** WAL kept for replicas without slots (`wal_keep_size` 13+, `wal_keep_segments` before), e.g. `1GB`. */
  readonly walKeepSize: string;
  readonly mode: ReplicationMode;
  /**
   * pg_basebackup's transfer rate limit in kB/s (`--max-rate`), so cloning does not
   * saturate the primary's disk or network; null for no limit.
   */
  readonly baseBackupMaxRateKb: number | null;
  readonly tls: boolean;
  readonly existingData: ExistingDataAction;
  /** Let the plan add the primary's address to `listen_addresses` when it is not covered. */
  readonly setListenAddresses: boolean;
  /** Turn on `wal_log_hints` when data checksums are off, so pg_rewind can rejoin a host later. */
  readonly enableWalLogHints: boolean;
  /**
   * Confirms taking `roleName` as the replication role although it exists as a superuser or
   * without REPLICATION: the plan then changes its password and gives it REPLICATION and LOGIN.
   */
  readonly reuseExistingRole: boolean;
  /** UTC stamp of the operation (`YYYYMMDDTHHMMSSZ`): names moved-aside data directories. */
  readonly stamp: string;
  /** Random token of the operation, written to the canary row. */
  readonly canaryToken: string;
  /** Add-replica only: clone the new replica from this pgBackRest stanza's latest backup (the repository, not the primary, serves the copy). */
  readonly cloneFromStanza?: string;
}

export const DEFAULT_ROLE_NAME = 'replicator';
export const DEFAULT_MAX_SLOT_WAL_KEEP_SIZE = '10GB';
export const DEFAULT_WAL_KEEP_SIZE = '1GB';

/** UTC stamp used in moved-aside directory names, e.g. `20261103T101500Z`. */
export function formatStamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replaceAll('-', '').replaceAll(':', '');
}

/** The wizard's defaults: async, slots on, scram, TLS off, move aside, no listen_addresses change. */
export function defaultSetupOptions(clusterName: string, now: Date, canaryToken: string): SetupOptions {
  return {
    clusterName,
    roleName: DEFAULT_ROLE_NAME,
    passwordMethod: 'scram-sha-256',
    slots: true,
    maxSlotWalKeepSize: DEFAULT_MAX_SLOT_WAL_KEEP_SIZE,
    walKeepSize: DEFAULT_WAL_KEEP_SIZE,
    mode: 'async',
    baseBackupMaxRateKb: null,
    tls: false,
    existingData: 'move-aside',
    setListenAddresses: false,
    enableWalLogHints: true,
    reuseExistingRole: false,
    stamp: formatStamp(now),
    canaryToken,
  };
}
