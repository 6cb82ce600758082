import { z } from 'zod';
import { decodeRows, pgText, RowShapeError, type SqlRow } from '@/lib/pg/sql';
import type { MemberStatus, ReplicationSlot, WalArchiver, WalReceiver, WalSender } from './status';

const WHAT = 'The member status query';

/** A JSON column: text parsed, then checked against `schema`. */
function jsonText<T>(schema: z.ZodType<T>) {
  return z.string().transform((text, ctx) => {
    try {
      const value: unknown = JSON.parse(text);
      return value;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not JSON' });
      return z.NEVER;
    }
  }).pipe(schema);
}

const jsonInt = z.number().int().nullable();
const nullableText = z.string().nullable();

const walSenderSchema = z.object({
  application_name: nullableText, client_addr: nullableText, usename: nullableText, state: nullableText, sync_state: nullableText, slot_name: nullableText,
  sent_bytes: jsonInt, write_bytes: jsonInt, flush_bytes: jsonInt, replay_bytes: jsonInt, replay_lsn: pgText.lsn.nullable(),
  write_lag_ms: jsonInt, flush_lag_ms: jsonInt, replay_lag_ms: jsonInt, reply_age_ms: jsonInt,
}).transform((row): WalSender => ({
  applicationName: row.application_name ?? '', clientAddr: row.client_addr, usename: row.usename, state: row.state, syncState: row.sync_state, slotName: row.slot_name,
  sentBytes: row.sent_bytes, writeBytes: row.write_bytes, flushBytes: row.flush_bytes, replayBytes: row.replay_bytes, replayLsn: row.replay_lsn,
  writeLagMs: row.write_lag_ms, flushLagMs: row.flush_lag_ms, replayLagMs: row.replay_lag_ms, replyAgeMs: row.reply_age_ms,
}));

const slotSchema = z.object({
  slot_name: z.string(), active: z.boolean(), retained_bytes: jsonInt, wal_status: nullableText, safe_wal_size: jsonInt,
}).transform((row): ReplicationSlot => ({
  slotName: row.slot_name, active: row.active, retainedBytes: row.retained_bytes, walStatus: row.wal_status, safeWalSize: row.safe_wal_size,
}));

/** `to_jsonb` of the `pg_stat_wal_receiver` row: columns a version (or a login without pg_read_all_stats) lacks are absent or null. */
const receiverSchema = z.object({
  status: nullableText.optional(), sender_host: nullableText.optional(), conninfo: nullableText.optional(), slot_name: nullableText.optional(), received_tli: jsonInt.optional(),
}).transform((row): WalReceiver => ({
  status: row.status ?? null,
  senderHost: row.sender_host ?? (row.conninfo ? conninfoHost(row.conninfo) : null),
  slotName: row.slot_name ?? null,
  receivedTli: row.received_tli ?? null,
}));

const epochMs = (ms: number | null) => (ms === null ? null : new Date(ms));

const archiverSchema = z.object({
  archive_mode: z.enum(['off', 'on', 'always']), archived_count: z.number().int(), last_archived_wal: nullableText, last_archived_ms: jsonInt,
  failed_count: z.number().int(), last_failed_wal: nullableText, last_failed_ms: jsonInt, ready_segments: jsonInt, wal_directory_bytes: jsonInt,
}).transform((row): WalArchiver => ({
  archiveMode: row.archive_mode, archivedCount: row.archived_count, lastArchivedWal: row.last_archived_wal, lastArchivedAt: epochMs(row.last_archived_ms),
  failedCount: row.failed_count, lastFailedWal: row.last_failed_wal, lastFailedAt: epochMs(row.last_failed_ms),
  readySegments: row.ready_segments, walDirectoryBytes: row.wal_directory_bytes,
}));

const rowSchema = z.object({
  in_recovery: pgText.bool,
  current_lsn: pgText.lsn.nullable(),
  receive_lsn: pgText.lsn.nullable(),
  replay_lsn: pgText.lsn.nullable(),
  last_replay_ms: pgText.int.nullable(),
  timeline: pgText.int.nullable(),
  replay_paused: pgText.bool.nullable(),
  receiver: jsonText(receiverSchema).nullable(),
  walsenders: jsonText(z.array(walSenderSchema)),
  slots: jsonText(z.array(slotSchema)),
  archiver: jsonText(archiverSchema),
  server_version_num: pgText.int,
  data_directory: pgText.text,
  wal_level: pgText.text,
  hot_standby: pgText.text,
  max_wal_senders: pgText.int,
  max_replication_slots: pgText.int,
  synchronous_standby_names: pgText.text,
  synchronous_commit: pgText.text,
  fsync: pgText.text,
  full_page_writes: pgText.text,
}).transform((row): MemberStatus => ({
  inRecovery: row.in_recovery,
  currentLsn: row.current_lsn,
  receiveLsn: row.receive_lsn,
  replayLsn: row.replay_lsn,
  lastReplayAt: epochMs(row.last_replay_ms),
  timeline: row.timeline,
  replayPaused: row.replay_paused,
  receiver: row.receiver,
  walSenders: row.walsenders,
  slots: row.slots,
  archiver: row.archiver,
  settings: {
    serverVersionNum: row.server_version_num, dataDirectory: row.data_directory, walLevel: row.wal_level, hotStandby: row.hot_standby,
    maxWalSenders: row.max_wal_senders, maxReplicationSlots: row.max_replication_slots, synchronousStandbyNames: row.synchronous_standby_names,
    synchronousCommit: row.synchronous_commit, fsync: row.fsync, fullPageWrites: row.full_page_writes,
  },
}));

/** `host=` of a libpq conninfo string (as pg_stat_wal_receiver shows it, passwords obscured). */
export function conninfoHost(conninfo: string): string | null {
  const match = /(?:^|\s)host\s*=\s*('(?:[^'\\]|\\.)*'|\S+)/.exec(conninfo);
  const value = match?.[1];
  if (!value) return null;
  return value.startsWith("'") ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;
}

/**
 * The member status query's rows (see MEMBER_STATUS_SQL) as a MemberStatus. Pure; throws
 * RowShapeError when there is not exactly one row or a column is not what the query writes.
 */
export function parseMemberStatus(rows: readonly SqlRow[]): MemberStatus {
  const decoded = decodeRows(rows, rowSchema, WHAT);
  const [status] = decoded;
  if (decoded.length !== 1 || !status) throw new RowShapeError(WHAT, `${rows.length} rows instead of one`);
  return status;
}
