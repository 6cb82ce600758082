import { literal, settingName, sql, type SqlText } from '@/lib/pg/sql';
import { StepFailure, type Step, type StepContext } from '@/lib/replication/engine/types';
import { replicaNames } from '@/lib/replication/names';
import { passfileLines } from '@/lib/replication/plan-step';
import { walKeepSetting } from '@/lib/replication/primary-settings';
import { controlCommands, stoppedCommand } from '@/lib/replication/service-control';
import { confValue, passfilePath, standbyLayout } from '@/lib/replication/standby-files';
import { sh, type ShellCommand } from '@/lib/ssh/shell';
import { restoreUnitsCommand } from '../fence-units';
import type { FailoverCluster, FailoverMember } from '../plan-types';
import { ensureSlot, streamsFrom, upstreamConninfo } from './repoint';
import { pollUntil } from './sql';

/** Resolved only while a step runs; never in a plan or a recorded command. */
export interface ReplicationSecret {
  readonly replicationPassword: string;
}

/** The slot a member gets as a standby: its recorded one, else the name setup would give it. */
export function standbySlot(cluster: FailoverCluster, member: FailoverMember): string | null {
  return cluster.slots ? (member.slotName ?? replicaNames(member.name).slotName) : null;
}

function passfileCommand(file: string): ShellCommand {
  return sh`set -e
umask 077
tmp=$(mktemp -- ${`${file}.XXXXXX`})
trap 'rm -f -- "$tmp"' EXIT
cat > "$tmp"
mv -f -- "$tmp" ${file}
trap - EXIT`;
}

async function shell(ctx: StepContext, host: string, as: 'root' | 'postgres', command: ShellCommand, timeoutMs: number, stdin?: string): Promise<void> {
  ctx.record(`[${host} as ${as}] ${command.text}${stdin === undefined ? '' : '\n  (stdin: the replication role\'s .pgpass lines, one per member)'}`);
  const result = await ctx.shell.exec(host, command, { as, signal: ctx.signal, timeoutMs, onLine: (line) => ctx.log(line), ...(stdin === undefined ? {} : { stdin }) });
  if (result.code !== 0) throw new StepFailure(`A command failed on ${host} (exit ${result.code ?? 'signal'}): ${result.stderr.trim().split('\n').at(-1) ?? ''}`);
}

/** Writes the cluster's replication passfile beside the member's data directory (a former primary never had one). */
export function passfileStep(cluster: FailoverCluster, member: FailoverMember, secret: () => Promise<ReplicationSecret>): Step {
  const file = passfilePath(member.dataDirectory, cluster.name);
  return {
    name: `Write the replication passfile on ${member.name}`,
    host: member.name,
    deadlineMs: 30_000,
    describe: () => ({ commands: [`[${member.name} as postgres] ${passfileCommand(file).text}\n  (stdin: the replication role's .pgpass lines, one per member)`] }),
    check: async () => false,
    async run(ctx) {
      const lines = passfileLines({ kind: 'replication-passfile', endpoints: cluster.endpoints, role: cluster.roleName }, (await secret()).replicationPassword);
      await shell(ctx, member.name, 'postgres', passfileCommand(file), 30_000, lines);
    },
    async verify(ctx) {
      const mode = await ctx.shell.exec(member.name, sh`stat -c %a -- ${file}`, { as: 'postgres', signal: ctx.signal });
      if (mode.stdout.trim() !== '600') throw new StepFailure(`${file} on ${member.name} is not 0600.`);
    },
  };
}

/** How much recent WAL a member keeps while Tandem rewinds it: pg_rewind reads it back to the last common checkpoint. */
export const REWIND_KEEP_WAL = '2GB';

/** What the stop asks of a running server of `major` first, so its WAL survives the shutdown checkpoint. */
export function keepWalSql(major: number): SqlText {
  const keep = walKeepSetting(major, REWIND_KEEP_WAL);
  return sql`ALTER SYSTEM SET ${settingName(keep.name)} = ${literal(keep.value)};
SELECT pg_reload_conf();`;
}

/**
 * Stops PostgreSQL on a member (fast, a clean shutdown), proven by its status. With
 * `keepWalMajor` (the member's major), a running server first keeps its recent WAL
 * (keepWalSql, reset by the rejoin's last step), since its shutdown checkpoint would
 * otherwise remove segments pg_rewind needs.
 */
export function stopStep(member: FailoverMember, why: string, keepWalMajor: number | null = null): Step {
  const control = controlCommands(member.control);
  const stopped = stoppedCommand(member.control);
  const isStopped = async (ctx: StepContext) => (await ctx.shell.exec(member.name, stopped, { as: control.as, signal: ctx.signal, timeoutMs: 15_000 })).code === 0;
  return {
    name: `Stop PostgreSQL on ${member.name}`,
    host: member.name,
    deadlineMs: 120_000,
    describe: () => ({ commands: [`[${member.name} as ${control.as}] ${control.stop.text}`, `# ${why}`] }),
    check: isStopped,
    async run(ctx) {
      if (keepWalMajor !== null) {
        const keep = keepWalSql(keepWalMajor);
        ctx.record(`[${member.name}] ${keep}`);
        await ctx.pg.query(member.name, keep, { signal: ctx.signal, timeoutMs: 10_000 }).catch((error: unknown) => ctx.log(`could not keep recent WAL: ${error instanceof Error ? error.message : String(error)}`));
      }
      await shell(ctx, member.name, control.as === 'root' ? 'root' : 'postgres', control.stop, 90_000);
    },
    async verify(ctx) {
      if (!(await isStopped(ctx))) throw new StepFailure(`PostgreSQL on ${member.name} is still running.`);
    },
  };
}

/** The standby settings as postgresql.auto.conf lines (written while the server is stopped). */
export function standbyLines(cluster: FailoverCluster, member: FailoverMember, upstream: FailoverMember): string[] {
  const slot = standbySlot(cluster, member);
  return [`primary_conninfo = ${confValue(upstreamConninfo(cluster, member, upstream))}`, ...(slot ? [`primary_slot_name = ${confValue(slot)}`] : [])];
}

/** Holds when the stopped member is set up as a standby of `upstream` (signal file and exact lines). */
export function standbyConfiguredCommand(cluster: FailoverCluster, member: FailoverMember, upstream: FailoverMember): ShellCommand {
  const layout = standbyLayout(member.dataDirectory, cluster.major);
  const lines = standbyLines(cluster, member, upstream);
  return sh`test -f ${layout.signalFile} && ${lines.map((line) => sh`grep -Fxq -- ${line} ${layout.autoConf}`).reduce((all, part) => sh`${all} && ${part}`)}`;
}

/**
 * Makes a stopped member a standby of `upstream`: its slot on the upstream, then in
 * postgresql.auto.conf any earlier primary_conninfo/primary_slot_name replaced by the new
 * ones, and standby.signal. Needs PostgreSQL 12 or later (standby.signal).
 */
export function configureStandbyStep(cluster: FailoverCluster, member: FailoverMember, upstream: FailoverMember): Step {
  const layout = standbyLayout(member.dataDirectory, cluster.major);
  const lines = standbyLines(cluster, member, upstream);
  const slot = standbySlot(cluster, member);
  const write = sh`set -e
sed -i -e '/^[[:space:]]*primary_conninfo[[:space:]]*=/d' -e '/^[[:space:]]*primary_slot_name[[:space:]]*=/d' -- ${layout.autoConf}
${lines.map((line) => sh`printf '%s\n' ${line} >> ${layout.autoConf}`).reduce((all, part) => sh`${all}
${part}`)}
touch -- ${layout.signalFile}`;
  const configured = standbyConfiguredCommand(cluster, member, upstream);
  return {
    name: `Configure ${member.name} as a standby of ${upstream.name}`,
    host: member.name,
    deadlineMs: 60_000,
    describe: () => ({ commands: [...(slot ? [`[${upstream.name}] create physical slot ${slot} if missing`] : []), `[${member.name} as postgres] ${write.text}`] }),
    check: async (ctx) => (await ctx.shell.exec(member.name, configured, { as: 'postgres', signal: ctx.signal })).code === 0,
    async run(ctx) {
      if (cluster.major < 12) throw new StepFailure('Turning a server into a standby needs PostgreSQL 12 or later (standby.signal).');
      if (slot) await ensureSlot(ctx, upstream.name, slot);
      await shell(ctx, member.name, 'postgres', write, 30_000);
    },
    async verify(ctx) {
      if ((await ctx.shell.exec(member.name, configured, { as: 'postgres', signal: ctx.signal })).code !== 0) throw new StepFailure(`${member.name} is not configured as a standby of ${upstream.name}.`);
    },
  };
}

/**
 * Unmasks the systemd units the fence masked, back to the state it recorded (see
 * {@link restoreUnitsCommand}), before the member is started as a standby: a masked unit
 * refuses `systemctl start`, and pg_ctlcluster hands its start to that unit. Safe from
 * here on: the member is configured as a standby, so a boot brings it up as one.
 */
export function restoreUnitsStep(member: FailoverMember): Step {
  const command = restoreUnitsCommand(member.dataDirectory);
  return {
    name: `Restore the systemd units of ${member.name} as before its fence`,
    host: member.name,
    deadlineMs: 60_000,
    describe: () => ({ commands: [`[${member.name} as root] ${command.text}`] }),
    check: async () => false,
    async run(ctx) {
      await shell(ctx, member.name, 'root', command, 45_000);
    },
    async verify() {},
  };
}

/**
 * Starts a member only as a standby: the command itself refuses when standby.signal is
 * missing, so no Tandem path starts a fenced or former primary as a primary. Verified by
 * its WAL receiver streaming from `upstream`.
 */
export function startStandbyStep(cluster: FailoverCluster, member: FailoverMember, upstream: FailoverMember): Step {
  const control = controlCommands(member.control);
  const layout = standbyLayout(member.dataDirectory, cluster.major);
  const start = sh`if [ ! -f ${layout.signalFile} ]; then echo 'refusing to start: no standby.signal, it would start as a primary' >&2; exit 3; fi
${control.start}`;
  return {
    name: `Start ${member.name} as a standby and verify it streams from ${upstream.name}`,
    host: member.name,
    deadlineMs: 180_000,
    describe: () => ({ commands: [`[${member.name} as ${control.as}] ${start.text}`] }),
    check: (ctx) => streamsFrom(ctx, member.name, upstream).catch(() => false),
    async run(ctx) {
      const running = await ctx.shell.exec(member.name, control.status, { as: control.as, signal: ctx.signal, timeoutMs: 15_000 });
      if (running.code !== 0) await shell(ctx, member.name, control.as === 'root' ? 'root' : 'postgres', start, 120_000);
      const took = await pollUntil(ctx, () => streamsFrom(ctx, member.name, upstream), 250, 90_000);
      if (took === null) throw new StepFailure(`${member.name} does not stream from ${upstream.name} after 90 s; see its PostgreSQL log.`);
      ctx.log(`${member.name} streams from ${upstream.name} after ${took} ms`);
    },
    async verify(ctx) {
      // A standby that catches up across a timeline switch ends its stream at the switch and starts the next one a moment later.
      if ((await pollUntil(ctx, () => streamsFrom(ctx, member.name, upstream), 250, 30_000)) === null) throw new StepFailure(`${member.name} does not stream from ${upstream.name}.`);
      return `${member.name} streams from ${upstream.name}.`;
    },
  };
}
