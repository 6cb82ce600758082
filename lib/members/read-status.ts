import 'server-only';
import type pg from 'pg';
import { loadHostTarget } from '@/lib/db/hosts';
import { isPgError } from '@/lib/pg/errors';
import { psqlOverSsh } from '@/lib/pg/psql-over-ssh';
import { isRowShapeError, type SqlRow, type SqlText } from '@/lib/pg/sql';
import { isSshError } from '@/lib/ssh/errors';
import type { SshTarget } from '@/lib/ssh/target';
import { parseMemberStatus } from './parse-status';
import type { MemberReadout, MemberStatus } from './status';
import { MEMBER_STATUS_SQL } from './status-sql';

/**
 * Reads one member now as the postgres OS user (psql over SSH), within `timeoutMs` for the
 * SSH connect and again for the query. SSH and PostgreSQL failures, and rows Tandem does not
 * understand, come back as `{ reachable: false, error }` with the reason; anything else is a bug
 * and is thrown.
 */
export async function readMemberStatus(target: SshTarget, pgPort: number, timeoutMs: number): Promise<MemberReadout> {
  try {
    const { rows } = await psqlOverSsh({ ...target, connectTimeoutMs: timeoutMs }, MEMBER_STATUS_SQL, { port: pgPort, timeoutMs });
    return { reachable: true, status: parseMemberStatus(rows) };
  } catch (error) {
    if (isSshError(error) || isPgError(error) || isRowShapeError(error)) return { reachable: false, error: error.message };
    throw error;
  }
}

/** {@link readMemberStatus} for an inventory host; a host removed meanwhile is unreachable. */
export async function readHostStatus(hostId: number, timeoutMs: number): Promise<MemberReadout> {
  const host = await loadHostTarget(hostId);
  if (!host) return { reachable: false, error: 'not in the inventory any more' };
  return readMemberStatus(host.target, host.pgPort, timeoutMs);
}

/** Every column as PostgreSQL's text output, as psql prints it: the same rows over either transport. */
const RAW_TEXT = { getTypeParser: () => (value: string) => value };

/** Runs `text` on an open `pg` connection with every column left as PostgreSQL's text (as psql prints it). */
export async function queryTextRows(client: pg.Client, text: SqlText): Promise<SqlRow[]> {
  return (await client.query<SqlRow>({ text, types: RAW_TEXT })).rows;
}

/**
 * Reads one member on an open `pg` connection (the poller's monitoring link). Errors are the
 * caller's: the link turns them into "host down" with the reason.
 */
export async function queryMemberStatus(client: pg.Client): Promise<MemberStatus> {
  return parseMemberStatus(await queryTextRows(client, MEMBER_STATUS_SQL));
}
