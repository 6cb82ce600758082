import { sql } from '@/lib/pg/sql';

/** Time since the heartbeat row was written, read on a standby: true time lag even when the primary is idle. */
export const HEARTBEAT_AGE_SQL = sql`SELECT round(extract(epoch FROM now() - at) * 1000)::bigint AS age_ms FROM tandem.heartbeat WHERE id = 1`;

/** The poller's write on the primary, as the monitoring role (INSERT/UPDATE on this one table only). */
export const HEARTBEAT_WRITE_SQL = sql`INSERT INTO tandem.heartbeat (id, at) VALUES (1, now()) ON CONFLICT (id) DO UPDATE SET at = EXCLUDED.at`;
