import { sql } from '@/lib/pg/sql';

/**
 * The one query that reads a member's status: one row, every column text (or JSON text),
 * so psql over SSH and a `pg` client given raw text parsers hand back the same row.
 * Read-only, and within pg_monitor's rights, so the poller's monitoring login runs it too.
 * Columns a version lacks (sender_host before 11, reply_time before 12, wal_status and
 * safe_wal_size before 13) are read through `to_jsonb(row)` and come back absent instead
 * of failing the query. Byte lags are measured against `pg_current_wal_lsn()` and stay
 * NULL in recovery, where that function would raise.
 * The archiver column is `pg_stat_archiver` with `archive_mode`, the `.ready` files of
 * pg_wal/archive_status and the size of pg_wal (both pg_monitor's to read). Before PostgreSQL 12
 * there is no `pg_ls_archive_statusdir()`: the count runs as a query of its own
 * (`query_to_xml`, planned only when called) under a `server_version_num` test, so older
 * servers never plan the call and report NULL.
 */
export const MEMBER_STATUS_SQL = sql`WITH me AS (
  SELECT pg_is_in_recovery() AS standby, CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_current_wal_lsn() END AS lsn
)
SELECT me.standby AS in_recovery,
  me.lsn::text AS current_lsn,
  pg_last_wal_receive_lsn()::text AS receive_lsn,
  pg_last_wal_replay_lsn()::text AS replay_lsn,
  round(extract(epoch FROM pg_last_xact_replay_timestamp()) * 1000)::bigint AS last_replay_ms,
  (SELECT timeline_id FROM pg_control_checkpoint()) AS timeline,
  CASE WHEN me.standby THEN pg_is_wal_replay_paused() END AS replay_paused,
  (SELECT to_jsonb(w) FROM pg_stat_wal_receiver w LIMIT 1)::text AS receiver,
  (SELECT coalesce(json_agg(json_build_object(
      'application_name', r.application_name, 'client_addr', host(r.client_addr), 'usename', r.usename,
      'state', r.state, 'sync_state', r.sync_state, 'slot_name', s.slot_name,
      'sent_bytes', pg_wal_lsn_diff(me.lsn, r.sent_lsn)::bigint,
      'write_bytes', pg_wal_lsn_diff(me.lsn, r.write_lsn)::bigint,
      'flush_bytes', pg_wal_lsn_diff(me.lsn, r.flush_lsn)::bigint,
      'replay_bytes', pg_wal_lsn_diff(me.lsn, r.replay_lsn)::bigint,
      'replay_lsn', r.replay_lsn::text,
      'write_lag_ms', round(extract(epoch FROM r.write_lag) * 1000)::bigint,
      'flush_lag_ms', round(extract(epoch FROM r.flush_lag) * 1000)::bigint,
      'replay_lag_ms', round(extract(epoch FROM r.replay_lag) * 1000)::bigint,
      'reply_age_ms', round(extract(epoch FROM now() - (to_jsonb(r) ->> 'reply_time')::timestamptz) * 1000)::bigint
    ) ORDER BY r.application_name, r.pid), '[]')
   FROM pg_stat_replication r LEFT JOIN pg_replication_slots s ON s.active_pid = r.pid)::text AS walsenders,
  (SELECT coalesce(json_agg(json_build_object(
      'slot_name', s.slot_name, 'active', s.active,
      'retained_bytes', pg_wal_lsn_diff(me.lsn, s.restart_lsn)::bigint,
      'wal_status', to_jsonb(s) ->> 'wal_status',
      'safe_wal_size', (to_jsonb(s) ->> 'safe_wal_size')::bigint
    ) ORDER BY s.slot_name), '[]')
   FROM pg_replication_slots s)::text AS slots,
  (SELECT json_build_object(
      'archive_mode', current_setting('archive_mode'),
      'archived_count', a.archived_count, 'last_archived_wal', a.last_archived_wal,
      'last_archived_ms', round(extract(epoch FROM a.last_archived_time) * 1000)::bigint,
      'failed_count', a.failed_count, 'last_failed_wal', a.last_failed_wal,
      'last_failed_ms', round(extract(epoch FROM a.last_failed_time) * 1000)::bigint,
      'ready_segments', CASE WHEN current_setting('server_version_num')::int >= 120000 THEN substring(query_to_xml(
          'SELECT count(*) AS n FROM pg_ls_archive_statusdir() WHERE name LIKE ''%.ready''', false, true, '')::text FROM '<n>([0-9]+)</n>')::bigint END,
      'wal_directory_bytes', (SELECT sum(w.size) FROM pg_ls_waldir() w)::bigint
    ) FROM pg_stat_archiver a)::text AS archiver,
  current_setting('server_version_num') AS server_version_num,
  current_setting('data_directory') AS data_directory,
  current_setting('wal_level') AS wal_level,
  current_setting('hot_standby') AS hot_standby,
  current_setting('max_wal_senders') AS max_wal_senders,
  current_setting('max_replication_slots') AS max_replication_slots,
  current_setting('synchronous_standby_names') AS synchronous_standby_names,
  current_setting('synchronous_commit') AS synchronous_commit,
  current_setting('fsync') AS fsync,
  current_setting('full_page_writes') AS full_page_writes
FROM me`;
