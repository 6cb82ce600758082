/**
 * What one PostgreSQL member says about itself when asked now: the one shape the poller,
 * the failover assessment, the topology, import and the setup snapshot read a member into.
 */

/** One walsender (`pg_stat_replication`) with the slot it streams from, when it uses one. */
export interface WalSender {
  readonly applicationName: string;
  /** `host(client_addr)`, never the `/32` text form; null over a Unix socket. */
  readonly clientAddr: string | null;
  readonly usename: string | null;
  readonly state: string | null;
  readonly syncState: string | null;
  /** The replication slot whose `active_pid` is this walsender. */
  readonly slotName: string | null;
  /** Bytes behind `pg_current_wal_lsn()`; null on a standby (cascading) where there is none. */
  readonly sentBytes: number | null;
  readonly writeBytes: number | null;
  readonly flushBytes: number | null;
  readonly replayBytes: number | null;
  readonly replayLsn: string | null;
  /** NULL means idle (PostgreSQL reports no lag when nothing is in flight): never 0. */
  readonly writeLagMs: number | null;
  readonly flushLagMs: number | null;
  readonly replayLagMs: number | null;
  /** now() - reply_time: how long since the standby last answered (PostgreSQL 12+, else null). */
  readonly replyAgeMs: number | null;
}

/** One replication slot (`pg_replication_slots`). */
export interface ReplicationSlot {
  readonly slotName: string;
  readonly active: boolean;
  /** WAL the slot holds back behind `pg_current_wal_lsn()`; null on a standby or without restart_lsn. */
  readonly retainedBytes: number | null;
  /** PostgreSQL 13+, else null. */
  readonly walStatus: string | null;
  readonly safeWalSize: number | null;
}

/** The WAL receiver of a member in recovery (`pg_stat_wal_receiver`). */
export interface WalReceiver {
  readonly status: string | null;
  /** `sender_host`, or the `host=` of `conninfo` where the server has no `sender_host` column (PostgreSQL 10). */
  readonly senderHost: string | null;
  readonly slotName: string | null;
  readonly receivedTli: number | null;
}

/**
 * WAL archiving as the member reports it: `archive_mode` and its own archiver's statistics
 * (`pg_stat_archiver`, counted since they were last reset). A standby archives only with
 * `archive_mode = always`; otherwise its archiver stays idle and this says so.
 */
export interface WalArchiver {
  readonly archiveMode: 'off' | 'on' | 'always';
  readonly archivedCount: number;
  /** The file last archived (a WAL segment, or a `.history`, `.partial` or `.backup` file); null when none was. */
  readonly lastArchivedWal: string | null;
  readonly lastArchivedAt: Date | null;
  readonly failedCount: number;
  readonly lastFailedWal: string | null;
  readonly lastFailedAt: Date | null;
  /** `.ready` files in pg_wal/archive_status: segments waiting for the archiver (PostgreSQL 12+, else null). */
  readonly readySegments: number | null;
  /** The size of pg_wal: the sum of `pg_ls_waldir()`. */
  readonly walDirectoryBytes: number | null;
}

/** The settings Tandem's plans and checks read. On/off settings stay as PostgreSQL prints them. */
export interface MemberSettings {
  readonly serverVersionNum: number;
  readonly dataDirectory: string;
  readonly walLevel: string;
  readonly hotStandby: string;
  readonly maxWalSenders: number;
  readonly maxReplicationSlots: number;
  readonly synchronousStandbyNames: string;
  readonly synchronousCommit: string;
  readonly fsync: string;
  readonly fullPageWrites: string;
}

export interface MemberStatus {
  readonly inRecovery: boolean;
  /** pg_current_wal_lsn() when not in recovery. */
  readonly currentLsn: string | null;
  /** pg_last_wal_receive_lsn() and pg_last_wal_replay_lsn(): set on a standby (and on a promoted one until restart). */
  readonly receiveLsn: string | null;
  readonly replayLsn: string | null;
  readonly lastReplayAt: Date | null;
  /** Timeline of the last checkpoint (pg_control_checkpoint()). */
  readonly timeline: number | null;
  /** pg_is_wal_replay_paused() in recovery, else null. */
  readonly replayPaused: boolean | null;
  /** Null when no WAL receiver runs. */
  readonly receiver: WalReceiver | null;
  readonly walSenders: readonly WalSender[];
  readonly slots: readonly ReplicationSlot[];
  readonly archiver: WalArchiver;
  readonly settings: MemberSettings;
}

/** A member read now: its status, or why it could not be read (no SSH, PostgreSQL down, a timeout…). */
export type MemberReadout =
  | { readonly reachable: true; readonly status: MemberStatus }
  | { readonly reachable: false; readonly error: string };

/** The major version from `server_version_num` (150004 → 15). */
export function majorOf(settings: Pick<MemberSettings, 'serverVersionNum'>): number {
  return Math.floor(settings.serverVersionNum / 10_000);
}
