import { z } from 'zod';
import { pgText, sql } from '@/lib/pg/sql';
import { StepFailure, type Step, type StepContext } from '@/lib/replication/engine/types';
import { controlCommands, serverBinDirectory, stoppedCommand } from '@/lib/replication/service-control';
import { sh } from '@/lib/ssh/shell';
import { bytesBehind, isLsn } from '../lsn';
import type { FailoverMember } from '../plan-types';
import type { PromoteFigures } from './promote';
import { pollUntil, sqlOk, sqlRow } from './sql';

/** Figures of one switchover run, shared between its steps (the promote step's, plus the shutdown checkpoint). */
export interface SwitchoverFigures extends PromoteFigures {
  shutdownCheckpointLsn: string | null;
}

const CAUGHT_UP_SQL = sql`SELECT pg_is_in_recovery() AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming' AND sender_host = :'sender') AS ok`;
const CURRENT_LSN_SQL = sql`SELECT pg_current_wal_lsn()::text AS lsn`;
const REPLAY_LSN_SQL = sql`SELECT pg_last_wal_replay_lsn()::text AS lsn`;
const LSN_ROW = z.object({ lsn: pgText.lsn.nullable() });
const REPLAYED_PAST_SQL = sql`SELECT pg_last_wal_replay_lsn() > :'lsn'::pg_lsn AND pg_last_wal_receive_lsn() > :'lsn'::pg_lsn AS ok`;

/** Proves the candidate streams from the primary and is within `maxLagBytes` of it, before anything stops. */
export function caughtUpStep(candidate: FailoverMember, primary: FailoverMember, maxLagBytes: number): Step {
  return {
    name: `Check that ${candidate.name} streams from ${primary.name} and is caught up`,
    host: candidate.name,
    deadlineMs: 60_000,
    describe: () => ({ commands: [`[${candidate.name}] ${CAUGHT_UP_SQL}`, `[${primary.name}] SELECT pg_current_wal_lsn(); [${candidate.name}] SELECT pg_last_wal_replay_lsn()`] }),
    check: async () => false,
    async run(ctx) {
      if (!(await sqlOk(ctx, candidate.name, CAUGHT_UP_SQL, { sender: primary.address }))) throw new StepFailure(`${candidate.name} does not stream from ${primary.name}; a switchover would lose writes.`);
      const took = await pollUntil(ctx, async () => {
        const current = (await sqlRow(ctx, primary.name, CURRENT_LSN_SQL, LSN_ROW))?.lsn ?? null;
        const replay = (await sqlRow(ctx, candidate.name, REPLAY_LSN_SQL, LSN_ROW))?.lsn ?? null;
        return current !== null && replay !== null && bytesBehind(current, replay) <= maxLagBytes;
      }, 250, 45_000);
      if (took === null) throw new StepFailure(`${candidate.name} stayed more than ${maxLagBytes} bytes behind ${primary.name}; wait for it to catch up.`);
    },
    async verify() {
      return `${candidate.name} streams and is caught up.`;
    },
  };
}

/**
 * Stops the primary with a clean fast shutdown (walsenders send everything, the shutdown
 * checkpoint included, before they exit) and reads that checkpoint's LSN from
 * pg_controldata: the candidate must replay past it before it is promoted.
 */
export function cleanStopStep(primary: FailoverMember, major: number, figures: SwitchoverFigures): Step {
  const control = controlCommands(primary.control);
  const controldata = sh`LC_ALL=C PATH=${serverBinDirectory(primary.control, major)}:"$PATH" pg_controldata -D ${primary.dataDirectory}`;
  const readCheckpoint = async (ctx: StepContext) => {
    const result = await ctx.shell.exec(primary.name, controldata, { as: 'postgres', signal: ctx.signal, timeoutMs: 15_000 });
    const state = /^Database cluster state:\s*(.+)$/m.exec(result.stdout)?.[1]?.trim();
    const lsn = /^Latest checkpoint location:\s*(\S+)$/m.exec(result.stdout)?.[1];
    return { state, lsn: lsn && isLsn(lsn) ? lsn : null };
  };
  return {
    name: `Stop the primary ${primary.name} cleanly`,
    host: primary.name,
    deadlineMs: 120_000,
    describe: () => ({ commands: [`[${primary.name} as ${control.as}] ${control.stop.text}`, `[${primary.name} as postgres] ${controldata.text}`] }),
    check: async (ctx) => {
      if ((await ctx.shell.exec(primary.name, stoppedCommand(primary.control), { as: control.as, signal: ctx.signal })).code !== 0) return false;
      const read = await readCheckpoint(ctx);
      figures.shutdownCheckpointLsn = read.lsn;
      figures.lastPrimaryLsn = read.lsn;
      return read.state === 'shut down' && read.lsn !== null;
    },
    async run(ctx) {
      figures.writesStoppedAtMs = ctx.clock.now().getTime();
      ctx.record(`[${primary.name} as ${control.as}] ${control.stop.text}`);
      const stop = await ctx.shell.exec(primary.name, control.stop, { as: control.as, signal: ctx.signal, timeoutMs: 90_000 });
      if (stop.code !== 0) throw new StepFailure(`The clean stop of ${primary.name} failed: ${stop.stderr.trim().split('\n').at(-1) ?? ''}`);
      ctx.record(`[${primary.name} as postgres] ${controldata.text}`);
      const read = await readCheckpoint(ctx);
      if (read.state !== 'shut down' || read.lsn === null) throw new StepFailure(`${primary.name} did not shut down cleanly (${read.state ?? 'state unknown'}).`);
      figures.shutdownCheckpointLsn = read.lsn;
      figures.lastPrimaryLsn = read.lsn;
      ctx.log(`shutdown checkpoint at ${read.lsn}`);
    },
    async verify() {
      return `${primary.name} shut down cleanly; its shutdown checkpoint is at ${figures.shutdownCheckpointLsn ?? '?'}.`;
    },
  };
}

/** Waits until the candidate has received and replayed past the old primary's shutdown checkpoint: then nothing committed is missing. */
export function replayedCheckpointStep(candidate: FailoverMember, figures: SwitchoverFigures): Step {
  const passed = (ctx: StepContext) => {
    const lsn = figures.shutdownCheckpointLsn;
    if (lsn === null) return Promise.resolve(false);
    return sqlOk(ctx, candidate.name, REPLAYED_PAST_SQL, { lsn });
  };
  return {
    name: `Wait until ${candidate.name} has replayed the shutdown checkpoint`,
    host: candidate.name,
    deadlineMs: 60_000,
    describe: () => ({ commands: [`[${candidate.name}] SELECT pg_last_wal_replay_lsn() > '<shutdown checkpoint>' AND pg_last_wal_receive_lsn() > '<shutdown checkpoint>'`] }),
    check: async (ctx) => passed(ctx),
    async run(ctx) {
      if (figures.shutdownCheckpointLsn === null) throw new StepFailure('The shutdown checkpoint location is unknown.');
      const took = await pollUntil(ctx, () => passed(ctx), 100, 50_000);
      if (took === null) throw new StepFailure(`${candidate.name} did not replay past ${figures.shutdownCheckpointLsn} within 50 s; it is not promoted (no loss yet: start the old primary again, or promote anyway from the promote panel).`);
      ctx.log(`${candidate.name} replayed past ${figures.shutdownCheckpointLsn} after ${took} ms`);
    },
    async verify() {
      return `${candidate.name} has everything the old primary wrote (past ${figures.shutdownCheckpointLsn ?? '?'}).`;
    },
  };
}
