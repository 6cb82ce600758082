import { z } from 'zod';
import { decodeRows, pgText, sql } from '@/lib/pg/sql';
import { sh } from '@/lib/ssh/shell';
import { queryLabel } from './pg-rows';
import { StepFailure, type Step, type StepContext } from './types';

export interface CheckClusterHost {
  readonly name: string;
  readonly role: 'primary' | 'replica';
}

const SSH_DEADLINE_MS = 30_000;
const PG_DEADLINE_MS = 30_000;
const PROBE_SQL = sql`SELECT 1 AS ok, pg_is_in_recovery() AS in_recovery`;
const PROBE_ROW = z.object({ ok: pgText.int, in_recovery: pgText.bool });

function sshStep(host: CheckClusterHost): Step {
  const command = sh`true`;
  let exitCode: number | null = null;
  return {
    name: `SSH reaches ${host.name} as postgres`,
    host: host.name,
    deadlineMs: SSH_DEADLINE_MS,
    describe: () => ({ commands: [`${command.text}   # as postgres, pinned host key`] }),
    check: async () => false,
    run: async (ctx: StepContext) => {
      ctx.record(`${command.text}   # as postgres`);
      const result = await ctx.shell.exec(host.name, command, { as: 'postgres', signal: ctx.signal, timeoutMs: SSH_DEADLINE_MS - 5_000 });
      exitCode = result.code;
      for (const line of `${result.stdout}${result.stderr}`.split('\n')) if (line.trim() !== '') ctx.log(line);
    },
    verify: async () => {
      if (exitCode !== 0) throw new StepFailure(`\`true\` as postgres on ${host.name} exited with status ${String(exitCode)}`);
      return `${host.name} accepted the pinned key and ran a command as postgres.`;
    },
  };
}

function pgStep(host: CheckClusterHost): Step {
  let answer: { inRecovery: boolean } | null = null;
  return {
    name: `PostgreSQL answers on ${host.name}`,
    host: host.name,
    deadlineMs: PG_DEADLINE_MS,
    describe: () => ({ commands: [`${PROBE_SQL};   -- psql as postgres on ${host.name}`] }),
    check: async () => false,
    run: async (ctx: StepContext) => {
      ctx.record(`${PROBE_SQL};   -- psql as postgres on ${host.name}`);
      const result = await ctx.pg.query(host.name, PROBE_SQL, { signal: ctx.signal, timeoutMs: PG_DEADLINE_MS - 5_000 });
      const [row] = decodeRows(result.rows, PROBE_ROW, queryLabel(host.name, PROBE_SQL));
      answer = row?.ok === 1 ? { inRecovery: row.in_recovery } : null;
      ctx.log(`ok=${row?.ok ?? 'none'} in_recovery=${row ? String(row.in_recovery) : 'none'} (${result.durationMs} ms)`);
    },
    verify: async () => {
      if (!answer) throw new StepFailure(`PostgreSQL on ${host.name} did not return the probe row`);
      const standby = answer.inRecovery;
      const expected = host.role === 'replica';
      const note = standby === expected ? '' : ` Note: Tandem lists it as the ${host.role}, but it is ${standby ? 'in recovery' : 'not in recovery'}.`;
      return `PostgreSQL on ${host.name} answered; it is ${standby ? 'a standby (in recovery)' : 'a primary (not in recovery)'}.${note}`;
    },
  };
}

/**
 * The steps of `check-cluster`, a read-only operation: for each member (primary first),
 * SSH with the pinned key runs `true` as postgres, then PostgreSQL answers a probe query.
 * Nothing is changed on any host, so every step always runs (`check` is false).
 */
export function checkClusterSteps(hosts: readonly CheckClusterHost[]): Step[] {
  const ordered = [...hosts].sort((a, b) => (a.role === b.role ? a.name.localeCompare(b.name) : a.role === 'primary' ? -1 : 1));
  return ordered.flatMap((host) => [sshStep(host), pgStep(host)]);
}
