/** What every member answers each tick: its role and, on a standby, its own view of replication. */
export const MEMBER_SQL = `SELECT pg_is_in_recovery() AS in_recovery,
  CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_current_wal_lsn()::text END AS current_lsn,
  pg_last_wal_receive_lsn()::text AS receive_lsn,
  pg_last_wal_replay_lsn()::text AS replay_lsn,
  CASE WHEN pg_is_in_recovery() THEN pg_is_wal_replay_paused() END AS replay_paused,
  pg_last_xact_replay_timestamp() AS last_replay_at,
  (SELECT status FROM pg_stat_wal_receiver LIMIT 1) AS receiver_status`;

/** Time since the heartbeat row was written, read on a standby: true time lag even when the primary is idle. */
export const HEARTBEAT_AGE_SQL = 'SELECT round(extract(epoch FROM now() - at) * 1000)::bigint AS age_ms FROM tandem.heartbeat WHERE id = 1';

/** The poller's write on the primary, as the monitoring role (INSERT/UPDATE on this one table only). */
export const HEARTBEAT_WRITE_SQL = 'INSERT INTO tandem.heartbeat (id, at) VALUES (1, now()) ON CONFLICT (id) DO UPDATE SET at = EXCLUDED.at';

/**
 * The primary's walsenders. Byte lags are measured against `pg_current_wal_lsn()`; the
 * time lags stay NULL when PostgreSQL reports none (idle), never coerced to 0.
 */
export const WALSENDERS_SQL = `SELECT application_name, host(client_addr) AS client_addr, state, sync_state,
  pg_wal_lsn_diff(pg_current_wal_lsn(), sent_lsn)::bigint AS sent_bytes,
  pg_wal_lsn_diff(pg_current_wal_lsn(), write_lsn)::bigint AS write_bytes,
  pg_wal_lsn_diff(pg_current_wal_lsn(), flush_lsn)::bigint AS flush_bytes,
  pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint AS replay_bytes,
  replay_lsn::text AS replay_lsn,
  round(extract(epoch FROM write_lag) * 1000)::bigint AS write_lag_ms,
  round(extract(epoch FROM flush_lag) * 1000)::bigint AS flush_lag_ms,
  round(extract(epoch FROM replay_lag) * 1000)::bigint AS replay_lag_ms,
  round(extract(epoch FROM now() - reply_time) * 1000)::bigint AS reply_age_ms
FROM pg_stat_replication`;

/** Slots on the primary with the WAL each one holds back. */
export const SLOTS_SQL = `SELECT slot_name, active,
  pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint AS retained_bytes,
  wal_status, safe_wal_size
FROM pg_replication_slots`;
