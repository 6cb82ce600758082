import { z } from 'zod';
import { pgText, sql } from '@/lib/pg/sql';
import { queryRows } from '@/lib/replication/engine/pg-rows';
import { StepFailure, type Step, type StepContext } from '@/lib/replication/engine/types';
import { controlCommands, stoppedCommand } from '@/lib/replication/service-control';
import { isSshError } from '@/lib/ssh/errors';
import { sh } from '@/lib/ssh/shell';
import { fenceHost, safeAtBootCommand, type FenceExec } from '../fence-host';
import type { FailoverMember, FailoverRecorder } from '../plan-types';
import { within } from './sql';

const PROBE_MS = 3_000;
const LAST_LSN_SQL = sql`SELECT CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_current_wal_lsn()::text END AS lsn`;
const LAST_LSN_ROW = z.object({ lsn: pgText.lsn.nullable() });

export interface FenceInput {
  readonly member: FailoverMember;
  readonly major: number;
  readonly mode: 'stop' | 'acknowledged';
  readonly reason: string;
  /** Called with the old primary's last WAL position read just before it stopped. */
  readonly onLastLsn?: (lsn: string) => void;
}

async function answers(ctx: StepContext, host: string): Promise<boolean> {
  try {
    const result = await within(ctx.shell.exec(host, sh`true`, { as: 'root', signal: ctx.signal, timeoutMs: PROBE_MS }), PROBE_MS, `no answer within ${PROBE_MS} ms`);
    return result.code === 0;
  } catch (error: unknown) {
    ctx.log(`${host} does not answer over SSH: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

async function stopAndDisable(ctx: StepContext, input: FenceInput): Promise<void> {
  const { member } = input;
  const rows = await queryRows(ctx.pg, member.name, LAST_LSN_SQL, LAST_LSN_ROW, { signal: ctx.signal, timeoutMs: 3_000 }).catch(() => []);
  const lsn = rows[0]?.lsn;
  if (lsn) {
    ctx.log(`last WAL position on ${member.name} before the stop: ${lsn}`);
    input.onLastLsn?.(lsn);
  }
  const exec: FenceExec = (command, options) => ctx.shell.exec(member.name, command, { ...options, signal: ctx.signal });
  try {
    await fenceHost(exec, { name: member.name, control: member.control, dataDirectory: member.dataDirectory, major: input.major }, { record: ctx.record, log: ctx.log, now: () => ctx.clock.now().getTime() }, { stop: 'fast', assumeRunning: true });
  } catch (error: unknown) {
    if (error instanceof Error && !isSshError(error)) throw new StepFailure(`${error.message} Tandem will not promote while it may take writes.`);
    throw error;
  }
}

/**
 * Fences the old primary before anything is promoted. When it answers over SSH: its last
 * WAL position is read, it is stopped (fast, immediate as a fallback), proven stopped,
 * its automatic start disabled (Debian start.conf → manual, the old file kept for
 * rejoin; the systemd units that start it masked, their state kept) and standby.signal
 * written (see {@link fenceHost}). When it does not answer,
 * the user acknowledged it is down or isolated; it is probed once more (a host back in
 * time is stopped after all), and it is recorded as fenced but not yet made safe, which
 * the fence guard does the moment it answers again. Either way no Tandem path starts it
 * as a primary.
 */
export function fenceStep(input: FenceInput, recorder: FailoverRecorder): Step {
  const { member } = input;
  const control = controlCommands(member.control);
  const atBoot = safeAtBootCommand({ name: member.name, control: member.control, dataDirectory: member.dataDirectory, major: input.major });
  let outcome = '';
  let enforced = false;
  return {
    name: `Fence the old primary ${member.name}`,
    host: member.name,
    deadlineMs: 90_000,
    describe: () => ({
      commands: [
        `[${member.name} as ${control.as}] ${control.stop.text}  (fallback: stop -m immediate)`,
        `[${member.name} as ${control.as}] ${stoppedCommand(member.control).text}`,
        ...(atBoot ? [`[${member.name} as root] ${atBoot.text}`] : []),
        `(Tandem inventory) ${member.name}: fenced${input.mode === 'acknowledged' ? ' (acknowledged down or isolated when it did not answer; made safe by the fence guard as soon as it answers again)' : ''}`,
      ],
    }),
    async check(ctx) {
      if (!(await recorder.isFenced(member.name))) return false;
      if (!(await answers(ctx, member.name))) return true;
      return (await ctx.shell.exec(member.name, stoppedCommand(member.control), { as: control.as, signal: ctx.signal, timeoutMs: 10_000 })).code === 0;
    },
    async run(ctx) {
      const started = ctx.clock.now().getTime();
      if (input.mode === 'stop' || await answers(ctx, member.name)) {
        try {
          await stopAndDisable(ctx, input);
        } catch (error: unknown) {
          if (error instanceof StepFailure || input.mode === 'acknowledged') throw error;
          throw new StepFailure(`${member.name} stopped answering after the candidates were read (${error instanceof Error ? error.message : String(error)}); read them again and acknowledge that it is down or isolated.`);
        }
        outcome = `${member.name} was stopped, proven stopped, its automatic start disabled and standby.signal written.`;
        enforced = true;
        ctx.metric?.('fenceStopped', 1);
      } else if (input.mode === 'acknowledged') {
        ctx.log(`${member.name} does not answer over SSH; fenced on the requester's acknowledgement that it is down or isolated`);
        outcome = `${member.name} did not answer; recorded as fenced on the acknowledgement that it is down or isolated. Tandem stops it as soon as it answers again.`;
        ctx.metric?.('fenceStopped', 0);
      }
      ctx.metric?.('fenceAcknowledged', input.mode === 'acknowledged' ? 1 : 0);
      ctx.record(`(Tandem inventory) ${member.name}: fenced`);
      await recorder.markFenced(member.name, input.reason, enforced);
      ctx.metric?.('fenceMs', ctx.clock.now().getTime() - started);
    },
    async verify() {
      if (!(await recorder.isFenced(member.name))) throw new StepFailure(`${member.name} is not recorded as fenced.`);
      return outcome;
    },
  };
}
