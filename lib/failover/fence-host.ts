import type { ServiceControl } from '@/lib/discovery/facts';
import { controlCommands, stoppedCommand } from '@/lib/replication/service-control';
import { maskUnitsCommand } from './fence-units';
import { standbyLayout } from '@/lib/replication/standby-files';
import type { RemoteExecResult } from '@/lib/replication/engine/ports';
import type { RunAs } from '@/lib/ssh/run-as';
import { sh, type ShellCommand } from '@/lib/ssh/shell';

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

/** Runs one command on the member being fenced. */
export type FenceExec = (command: ShellCommand, options: { readonly as: RunAs; readonly timeoutMs: number }) => Promise<RemoteExecResult>;

export interface FenceTarget {
  readonly name: string;
  readonly control: ServiceControl;
  readonly dataDirectory: string | null;
  readonly major: number;
}

export interface FenceHooks {
  /** Called with each command before it runs, as `[host as user] command`. */
  readonly record: (command: string) => void;
  readonly log: (line: string) => void;
  readonly now: () => number;
}

export interface FenceOutcome {
  readonly wasRunning: boolean;
  /** When the stop returned, in ms since the epoch; null when it was not running. */
  readonly stoppedAt: number | null;
}

/**
 * The end of every fence, so a later boot or start by hand cannot bring back a writable
 * old primary: automatic start off (start.conf `manual`, the old file kept; the systemd
 * units that start it masked, their state kept, see {@link maskUnitsCommand}) and
 * standby.signal. standby.signal alone is enough to come up read-only whatever
 * primary_conninfo says, so it is left as it is: with none the server streams from
 * nowhere, and one naming itself or another server only makes it a standby of that
 * server (a standby leaves recovery on a promote, never by connecting).
 */
export function safeAtBootCommand(target: FenceTarget): ShellCommand | null {
  const conf = startConfPath(target.control);
  const signal = target.dataDirectory && target.major >= 12 ? standbyLayout(target.dataDirectory, target.major).signalFile : null;
  const parts: ShellCommand[] = [];
  if (conf) parts.push(disableAutostartCommand(conf));
  if (target.dataDirectory) parts.push(maskUnitsCommand(target.control, target.major, target.dataDirectory));
  if (signal && target.dataDirectory) {
    parts.push(sh`if [ -f ${signal} ]; then
  echo 'standby.signal is in place'
else
  touch -- ${signal} && chown --reference=${target.dataDirectory} -- ${signal} && chmod 0600 -- ${signal}
  echo "wrote ${signal}: a later start comes up read-only"
fi`);
  } else if (!conf && target.dataDirectory) {
    parts.push(sh`echo 'no start.conf and no standby.signal before PostgreSQL 12: if anything but systemd starts this cluster, disable it there by hand'`);
  }
  return parts.length === 0 ? null : parts.reduce((all, part) => sh`${all}
${part}`);
}

async function run(exec: FenceExec, hooks: FenceHooks, target: FenceTarget, command: ShellCommand, as: RunAs, timeoutMs: number): Promise<RemoteExecResult> {
  hooks.record(`[${target.name} as ${as}] ${command.text}`);
  const result = await exec(command, { as, timeoutMs });
  for (const line of `${result.stdout}\n${result.stderr}`.split('\n')) if (line.trim() !== '') hooks.log(line);
  return result;
}

/**
 * Makes a fenced member safe: PostgreSQL stopped when it runs, proven stopped, then its
 * automatic start disabled and standby.signal written. `stop: 'fast'` is a clean
 * shutdown (immediate as a fallback for pg_ctlcluster), for a primary Tandem stops before
 * promoting; `'now'` ends writes at once without a shutdown checkpoint, for a fenced
 * member that came back and diverged: its WAL since the fork stays for pg_rewind.
 * `assumeRunning` skips the status read when the caller just saw it accept writes (one
 * round trip less before writes end). Safe to re-run: each part checks its own end
 * state. Throws when the member is still running afterwards.
 */
export async function fenceHost(exec: FenceExec, target: FenceTarget, hooks: FenceHooks, options: { readonly stop: 'fast' | 'now'; readonly assumeRunning: boolean }): Promise<FenceOutcome> {
  const control = controlCommands(target.control);
  const running = options.assumeRunning || (await run(exec, hooks, target, control.status, control.as, 10_000)).code !== 3;
  let stoppedAt: number | null = null;
  if (running) {
    const stop = await run(exec, hooks, target, options.stop === 'now' ? control.stopNow : control.stop, control.as, 30_000);
    if (stop.code !== 0 && options.stop === 'fast' && target.control.kind === 'pg_ctlcluster') {
      hooks.log(`fast stop failed (${stop.stderr.trim().split('\n').at(-1) ?? ''}); stopping immediately`);
      await run(exec, hooks, target, control.stopNow, control.as, 30_000);
    }
    stoppedAt = hooks.now();
    if ((await run(exec, hooks, target, stoppedCommand(target.control), control.as, 10_000)).code !== 0) {
      throw new Error(`PostgreSQL on ${target.name} is still running after the stop.`);
    }
  }
  const atBoot = safeAtBootCommand(target);
  if (atBoot) {
    const result = await run(exec, hooks, target, atBoot, 'root', 10_000);
    if (result.code !== 0) throw new Error(`Could not disable the automatic start of ${target.name}: ${result.stderr.trim().split('\n').at(-1) ?? `exit ${String(result.code)}`}`);
  } else {
    hooks.log(`${target.name} is controlled by ${target.control.kind}; disable its automatic start there by hand`);
  }
  return { wasRunning: running, stoppedAt };
}
