import 'server-only';
import type pg from 'pg';
import { queryMemberStatus, queryTextRows } from '@/lib/members/read-status';
import type { ReplicationSlot, WalArchiver, WalSender } from '@/lib/members/status';
import { decodeRows, pgText } from '@/lib/pg/sql';
import { z } from 'zod';
import type { HostLink } from './host-link';
import { memberViewOf, type MemberView } from './member-view';
import { HEARTBEAT_AGE_SQL, HEARTBEAT_WRITE_SQL } from './sql';

export interface MemberAnswer {
  readonly view: MemberView;
  /** The member's walsenders and slots; only a writable member's count for the tick. */
  readonly walSenders: readonly WalSender[];
  readonly slots: readonly ReplicationSlot[];
  /** Every member's own: a standby archives too with archive_mode = always. */
  readonly archiver: WalArchiver;
  readonly heartbeatAgeMs: number | null;
  /** Why the heartbeat could not be written or read (missing table, no privilege), when that happened. */
  readonly heartbeatError: string | null;
}

export type MemberPollResult =
  | { readonly ok: true; readonly answer: MemberAnswer; readonly durationMs: number }
  | { readonly ok: false; readonly error: string; readonly durationMs: number };

const heartbeatAge = z.object({ age_ms: pgText.int.nullable() });

async function optional<T>(work: () => Promise<T>): Promise<{ value: T | null; error: string | null }> {
  try {
    return { value: await work(), error: null };
  } catch (error: unknown) {
    return { value: null, error: error instanceof Error ? error.message : String(error) };
  }
}

async function readHeartbeatAge(client: pg.Client): Promise<number | null> {
  return decodeRows(await queryTextRows(client, HEARTBEAT_AGE_SQL), heartbeatAge, 'The heartbeat query')[0]?.age_ms ?? null;
}

/**
 * Asks one member what it knows this tick, on its persistent link: its status (the one
 * member status query). A writable member gets the heartbeat row written (when
 * `writeHeartbeat`) after its walsenders were read, so the write's own WAL is not counted
 * as lag this tick; a standby reports the heartbeat's age.
 */
export async function pollMember(link: HostLink, options: { writeHeartbeat: boolean; readHeartbeat: boolean }): Promise<MemberPollResult> {
  const started = Date.now();
  try {
    const answer = await link.use(async (client): Promise<MemberAnswer> => {
      const status = await queryMemberStatus(client);
      const known = { view: memberViewOf(status), walSenders: status.walSenders, slots: status.slots, archiver: status.archiver };
      if (!status.inRecovery) {
        const beat = options.writeHeartbeat ? await optional(() => client.query(HEARTBEAT_WRITE_SQL)) : { error: null };
        return { ...known, heartbeatAgeMs: null, heartbeatError: beat.error };
      }
      const age = options.readHeartbeat ? await optional(() => readHeartbeatAge(client)) : { value: null, error: null };
      return { ...known, heartbeatAgeMs: age.value, heartbeatError: age.error };
    });
    return { ok: true, answer, durationMs: Date.now() - started };
  } catch (error: unknown) {
    return { ok: false, error: error instanceof Error ? error.message : String(error), durationMs: Date.now() - started };
  }
}
