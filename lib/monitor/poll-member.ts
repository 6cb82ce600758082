import 'server-only';
import type pg from 'pg';
import type { HostLink } from './host-link';
import { parseMemberRow, parseSlotRows, parseWalSenderRows, toNumber, type MemberView, type SlotRow, type WalSenderRow } from './parse-rows';
import { HEARTBEAT_AGE_SQL, HEARTBEAT_WRITE_SQL, MEMBER_SQL, SLOTS_SQL, WALSENDERS_SQL } from './sql';

export interface MemberAnswer {
  readonly view: MemberView;
  readonly walSenders: readonly WalSenderRow[];
  readonly slots: readonly SlotRow[];
  readonly heartbeatAgeMs: number | null;
  /** Why the heartbeat could not be written or read (missing table, no privilege), when that happened. */
  readonly heartbeatError: string | null;
}

export type MemberPollResult =
  | { readonly ok: true; readonly answer: MemberAnswer; readonly durationMs: number }
  | { readonly ok: false; readonly error: string; readonly durationMs: number };

async function rows(client: pg.Client, sql: string): Promise<Record<string, unknown>[]> {
  return (await client.query<Record<string, unknown>>(sql)).rows;
}

async function optional<T>(work: () => Promise<T>): Promise<{ value: T | null; error: string | null }> {
  try {
    return { value: await work(), error: null };
  } catch (error: unknown) {
    return { value: null, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Asks one member what it knows this tick, on its persistent link. A writable member
 * reports its walsenders and slots, and (when `writeHeartbeat`) gets the heartbeat row
 * written after they are read, so the write's own WAL is not counted as lag this tick.
 * A standby reports its own view and the heartbeat's age.
 */
export async function pollMember(link: HostLink, options: { writeHeartbeat: boolean; readHeartbeat: boolean }): Promise<MemberPollResult> {
  const started = Date.now();
  try {
    const answer = await link.use(async (client): Promise<MemberAnswer> => {
      const view = parseMemberRow((await rows(client, MEMBER_SQL))[0]);
      if (!view.inRecovery) {
        const walSenders = parseWalSenderRows(await rows(client, WALSENDERS_SQL));
        const slots = parseSlotRows(await rows(client, SLOTS_SQL));
        const beat = options.writeHeartbeat ? await optional(() => client.query(HEARTBEAT_WRITE_SQL)) : { error: null };
        return { view, walSenders, slots, heartbeatAgeMs: null, heartbeatError: beat.error };
      }
      const age = options.readHeartbeat ? await optional(async () => toNumber((await rows(client, HEARTBEAT_AGE_SQL))[0]?.age_ms)) : { value: null, error: null };
      return { view, walSenders: [], slots: [], heartbeatAgeMs: age.value, heartbeatError: age.error };
    });
    return { ok: true, answer, durationMs: Date.now() - started };
  } catch (error: unknown) {
    return { ok: false, error: error instanceof Error ? error.message : String(error), durationMs: Date.now() - started };
  }
}
