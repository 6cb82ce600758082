import { z } from 'zod';
import { pgText, sql } from '@/lib/pg/sql';
import { okRow } from '@/lib/replication/engine/pg-rows';
import { StepFailure, type Step, type StepContext } from '@/lib/replication/engine/types';
import { bytesBehind, laterLsn } from '../lsn';
import type { FailoverMember, FailoverRecorder } from '../plan-types';
import { sqlOk, sqlRow, sqlRun } from './sql';

export const PROMOTE_SQL = sql`SELECT pg_promote(wait => true, wait_seconds => 60) AS promoted`;
export const RESET_SYNC_SQL = sql`ALTER SYSTEM RESET synchronous_standby_names;
SELECT pg_reload_conf();`;
export const CANARY_SQL = sql`SET statement_timeout = '10s';
CREATE SCHEMA IF NOT EXISTS tandem;
CREATE TABLE IF NOT EXISTS tandem.canary (writer text PRIMARY KEY, token text NOT NULL, written_at timestamptz NOT NULL);
INSERT INTO tandem.canary AS c (writer, token, written_at) VALUES ('promote', :'token', clock_timestamp())
ON CONFLICT (writer) DO UPDATE SET token = EXCLUDED.token, written_at = EXCLUDED.written_at
RETURNING 't' AS ok;`;
const PRIMARY_SQL = sql`SELECT NOT pg_is_in_recovery() AS ok`;
const RECEIVED_SQL = sql`SELECT pg_last_wal_receive_lsn()::text AS receive, pg_last_wal_replay_lsn()::text AS replay`;
const RECEIVED_ROW = z.object({ receive: pgText.lsn.nullable(), replay: pgText.lsn.nullable() });
const PROMOTED_ROW = z.object({ promoted: pgText.bool });
const SYNC_NAMES_SQL = sql`SELECT current_setting('synchronous_standby_names') AS names`;
const SYNC_NAMES_ROW = z.object({ names: pgText.text });

/** Figures the promote step shares with later steps of the same run. */
export interface PromoteFigures {
  /** When the user's action was called (ms since the epoch). */
  requestedAtMs: number;
  /** The last LSN known from the old primary: the assessment's reference, raised by the fence's read. */
  lastPrimaryLsn: string | null;
  candidateLsn: string | null;
  /** Set by a switchover when the old primary's clean stop began: the write gap runs from there. */
  writesStoppedAtMs: number | null;
}

export interface PromoteInput {
  readonly candidate: FailoverMember;
  readonly figures: PromoteFigures;
  readonly token: string;
}

async function canaryCommits(ctx: StepContext, host: string, token: string): Promise<boolean> {
  const row = await sqlRow(ctx, host, CANARY_SQL, okRow, { token }, 20_000);
  return row?.ok === true;
}

/**
 * Promotes the candidate: refuses a fenced host; reads its received and replayed LSN
 * (for the RPO estimate); `pg_promote(wait => true)`; resets synchronous_standby_names
 * when the base backup copied it (commits would otherwise wait for standbys that no
 * longer follow); then proves the end state: not in recovery and a canary write commits.
 * Records rtoWritableMs (action call → canary committed) and rpoBytes.
 */
export function promoteStep(input: PromoteInput, recorder: FailoverRecorder): Step {
  const host = input.candidate.name;
  const { figures } = input;
  return {
    name: `Promote ${host} and prove it accepts writes`,
    host,
    deadlineMs: 120_000,
    describe: () => ({ commands: [`[${host}] ${PROMOTE_SQL}`, `[${host}] (when set) ${RESET_SYNC_SQL}`, `[${host}] ${CANARY_SQL}`] }),
    check: (ctx) => sqlOk(ctx, host, PRIMARY_SQL),
    async run(ctx) {
      if (await recorder.isFenced(host)) throw new StepFailure(`${host} is fenced; Tandem never starts or promotes a fenced host as a primary. Rejoin it first.`);
      const before = await sqlRow(ctx, host, RECEIVED_SQL, RECEIVED_ROW);
      figures.candidateLsn = laterLsn(before?.receive ?? null, before?.replay ?? null);
      ctx.log(`${host} received ${before?.receive ?? 'nothing'}, replayed ${before?.replay ?? 'nothing'}`);
      const promoted = await sqlRow(ctx, host, PROMOTE_SQL, PROMOTED_ROW, {}, 70_000);
      if (promoted?.promoted !== true) throw new StepFailure(`pg_promote on ${host} did not finish within 60 s.`);
      const sync = await sqlRow(ctx, host, SYNC_NAMES_SQL, SYNC_NAMES_ROW);
      if (sync?.names) {
        ctx.log(`synchronous_standby_names was '${sync.names}'; reset so commits do not wait for standbys`);
        await sqlRun(ctx, host, RESET_SYNC_SQL);
      }
    },
    async verify(ctx) {
      if (!(await sqlOk(ctx, host, PRIMARY_SQL))) throw new StepFailure(`${host} is still in recovery.`);
      if (!(await canaryCommits(ctx, host, input.token))) throw new StepFailure(`A canary write on ${host} did not commit.`);
      const rto = ctx.clock.now().getTime() - figures.requestedAtMs;
      ctx.metric?.('rtoWritableMs', rto);
      if (figures.writesStoppedAtMs !== null) ctx.metric?.('writeGapMs', ctx.clock.now().getTime() - figures.writesStoppedAtMs);
      if (figures.lastPrimaryLsn && figures.candidateLsn) {
        const rpo = bytesBehind(figures.lastPrimaryLsn, figures.candidateLsn);
        ctx.metric?.('rpoBytes', rpo);
        ctx.log(`RPO estimate: ${rpo} bytes between the old primary's last known ${figures.lastPrimaryLsn} and ${host}'s ${figures.candidateLsn}`);
      }
      return `${host} accepts writes (canary committed), ${rto} ms after the request.`;
    },
  };
}
