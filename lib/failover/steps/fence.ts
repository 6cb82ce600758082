import type { ServiceControl } from '@/lib/discovery/facts';
import { StepFailure, type Step, type StepContext } from '@/lib/replication/engine/types';
import { controlCommands, stoppedCommand } from '@/lib/replication/service-control';
import { sh, type ShellCommand } from '@/lib/ssh/shell';
import type { FailoverMember, FailoverRecorder } from '../plan-types';
import { within } from './sql';

const PROBE_MS = 3_000;

/** Debian's start.conf for a cluster, when its control method names version and cluster. */
export function startConfPath(control: ServiceControl): string | null {
  if (control.kind === 'pg_ctlcluster') return `/etc/postgresql/${control.version}/${control.name}/start.conf`;
  if (control.kind === 'systemd') {
    const match = /^postgresql@(\d+(?:\.\d+)?)-([A-Za-z0-9_.-]+)(?:\.service)?$/.exec(control.unit);
    return match ? `/etc/postgresql/${match[1]}/${match[2]}/start.conf` : null;
  }
  return null;
}

/** Sets start.conf to `manual`, keeping the previous file once beside it (`.tandem-fence`) for rejoin to restore. */
export function disableAutostartCommand(file: string): ShellCommand {
  const kept = `${file}.tandem-fence`;
  return sh`set -e
if [ -f ${file} ]; then
  [ -e ${kept} ] || cp -p -- ${file} ${kept}
  printf '%s\n' manual > ${file}
  echo "start.conf is now manual (previous kept in ${kept})"
else
  echo 'no start.conf: nothing starts this cluster automatically'
fi`;
}

/** Puts start.conf back as it was before fencing; unchanged when fencing never reached the host. */
export function restoreAutostartCommand(file: string): ShellCommand {
  const kept = `${file}.tandem-fence`;
  return sh`if [ -e ${kept} ]; then mv -f -- ${kept} ${file}; fi`;
}

export interface FenceInput {
  readonly member: FailoverMember;
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
  const control = controlCommands(member.control);
  const last = await ctx.pg.query(member.name, "SELECT CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_current_wal_lsn()::text END AS lsn", { signal: ctx.signal, timeoutMs: 3_000 }).catch(() => null);
  const lsn = last?.rows[0]?.lsn;
  if (lsn) {
    ctx.log(`last WAL position on ${member.name} before the stop: ${lsn}`);
    input.onLastLsn?.(lsn);
  }
  ctx.record(`[${member.name} as ${control.as}] ${control.stop.text}`);
  const stop = await ctx.shell.exec(member.name, control.stop, { as: control.as, signal: ctx.signal, timeoutMs: 30_000 });
  if (stop.code !== 0 && member.control.kind === 'pg_ctlcluster') {
    ctx.log(`fast stop failed (${stop.stderr.trim().split('\n').at(-1) ?? ''}); stopping immediately`);
    const immediate = sh`pg_ctlcluster ${member.control.version} ${member.control.name} stop -m immediate`;
    ctx.record(`[${member.name} as root] ${immediate.text}`);
    await ctx.shell.exec(member.name, immediate, { as: 'root', signal: ctx.signal, timeoutMs: 30_000 });
  }
  const stopped = await ctx.shell.exec(member.name, stoppedCommand(member.control), { as: control.as, signal: ctx.signal, timeoutMs: 10_000 });
  if (stopped.code !== 0) throw new StepFailure(`PostgreSQL on ${member.name} is still running after the stop; Tandem will not promote while it may take writes.`);
  const conf = startConfPath(member.control);
  if (conf) {
    const disable = disableAutostartCommand(conf);
    ctx.record(`[${member.name} as root] ${disable.text}`);
    const result = await ctx.shell.exec(member.name, disable, { as: 'root', signal: ctx.signal, timeoutMs: 10_000, onLine: (line) => ctx.log(line) });
    if (result.code !== 0) throw new StepFailure(`Could not set ${conf} to manual on ${member.name}: ${result.stderr.trim()}`);
  } else {
    ctx.log(`${member.name} is controlled by ${member.control.kind}; disable its automatic start there by hand`);
  }
}

/**
 * Fences the old primary before anything is promoted. When it answers over SSH: its last
 * WAL position is read, it is stopped (fast, immediate as a fallback), proven stopped,
 * and its automatic start disabled (Debian start.conf → manual, the old file kept for
 * rejoin). When it does not answer, the user acknowledged it is down or isolated; it is
 * probed once more (a host back in time is stopped after all). Either way Tandem records
 * it as fenced, so no Tandem path starts it as a primary.
 */
export function fenceStep(input: FenceInput, recorder: FailoverRecorder): Step {
  const { member } = input;
  const control = controlCommands(member.control);
  let outcome = '';
  return {
    name: `Fence the old primary ${member.name}`,
    host: member.name,
    deadlineMs: 90_000,
    describe: () => ({
      commands: [
        `[${member.name} as ${control.as}] ${control.stop.text}  (fallback: stop -m immediate)`,
        `[${member.name} as ${control.as}] ${stoppedCommand(member.control).text}`,
        ...(startConfPath(member.control) ? [`[${member.name} as root] start.conf → manual (${startConfPath(member.control)})`] : []),
        `(Tandem inventory) ${member.name}: fenced${input.mode === 'acknowledged' ? ' (acknowledged down or isolated when it did not answer)' : ''}`,
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
        outcome = `${member.name} was stopped, proven stopped and its automatic start disabled.`;
        ctx.metric?.('fenceStopped', 1);
      } else if (input.mode === 'acknowledged') {
        ctx.log(`${member.name} does not answer over SSH; fenced on the requester's acknowledgement that it is down or isolated`);
        outcome = `${member.name} did not answer; recorded as fenced on the acknowledgement that it is down or isolated.`;
        ctx.metric?.('fenceStopped', 0);
      }
      ctx.metric?.('fenceAcknowledged', input.mode === 'acknowledged' ? 1 : 0);
      ctx.record(`(Tandem inventory) ${member.name}: fenced`);
      await recorder.markFenced(member.name, input.reason);
      ctx.metric?.('fenceMs', ctx.clock.now().getTime() - started);
    },
    async verify() {
      if (!(await recorder.isFenced(member.name))) throw new StepFailure(`${member.name} is not recorded as fenced.`);
      return outcome;
    },
  };
}
