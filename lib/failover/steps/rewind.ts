import { createHash } from 'node:crypto';
import { z } from 'zod';
import { asSentence } from '@/lib/format/sentence';
import { buildConninfo } from '@/lib/pg/conninfo';
import { ident, joinSql, pgText, settingName, sql } from '@/lib/pg/sql';
import { StepFailure, type Step, type StepContext } from '@/lib/replication/engine/types';
import { applyHbaLines, hbaReadCommand, hbaWriteCommand } from '@/lib/replication/hba';
import { hostCidr, isServerConfigPath } from '@/lib/replication/names';
import { serverBinDirectory } from '@/lib/replication/service-control';
import { walKeepSetting } from '@/lib/replication/primary-settings';
import { confValue, keepConfigFiles, passfilePath, restoreConfigFiles, standbyLayout } from '@/lib/replication/standby-files';
import { sh, type ShellCommand } from '@/lib/ssh/shell';
import type { FailoverCluster, FailoverMember, FailoverRecorder } from '../plan-types';
import { restoreAutostartCommand, startConfPath } from '../fence-host';
import { REWIND_KEEP_WAL, standbyConfiguredCommand, standbySlot } from './standby';
import { sqlRow, sqlRun } from './sql';
import { clusterTlsOptions } from '../cluster-tls';

/** As ALTER SYSTEM writes it (the rejoin's stop step sets it on a running server): an unclean target's single-user crash recovery, which pg_rewind runs first, then keeps the WAL pg_rewind reads. Reset by the rejoin's last step. */

const REWIND_FUNCTIONS = [sql`pg_ls_dir(text, boolean, boolean)`, sql`pg_stat_file(text, boolean)`, sql`pg_read_binary_file(text)`, sql`pg_read_binary_file(text, bigint, bigint, boolean)`];
const RELOAD_SQL = sql`SELECT pg_reload_conf()`;
const HBA_FILE_SQL = sql`SELECT current_setting('hba_file') AS file`;
const HBA_FILE_ROW = z.object({ file: pgText.text });

/** The member's own server tools (pg_rewind, pg_controldata, pg_waldump of its major). */
export function bindir(cluster: FailoverCluster, member: FailoverMember): string {
  return serverBinDirectory(member.control, cluster.major);
}

/** The pg_hba marker of the temporary line that lets a rejoining member's pg_rewind read files. */
export function rewindMarker(cluster: FailoverCluster): string {
  return `tandem:${cluster.name.slice(0, 33)}-rewind`;
}

/** What pg_controldata says about the two settings pg_rewind needs (one of them). */
export function rewindSupport(controldata: string): { checksums: boolean; walLogHints: boolean } {
  const checksum = /^Data page checksum version:\s*(\d+)/m.exec(controldata)?.[1];
  const hints = /^wal_log_hints setting:\s*(\w+)/m.exec(controldata)?.[1];
  return { checksums: checksum !== undefined && checksum !== '0', walLogHints: hints === 'on' };
}

/** The member's control file as pg_controldata prints it, in the C locale (its labels are what the parsers read). */
export function controldataCommand(cluster: FailoverCluster, member: FailoverMember): ShellCommand {
  return sh`LC_ALL=C PATH=${bindir(cluster, member)}:"$PATH" pg_controldata -D ${member.dataDirectory}`;
}

/** Proves pg_rewind can work on the member: data checksums or wal_log_hints, read from its control file. */
export function rewindPossibleStep(cluster: FailoverCluster, member: FailoverMember): Step {
  const command = controldataCommand(cluster, member);
  let verdict = '';
  return {
    name: `Check that pg_rewind can rewind ${member.name}`,
    host: member.name,
    deadlineMs: 30_000,
    describe: () => ({ commands: [`[${member.name} as postgres] ${command.text}`] }),
    check: async () => false,
    async run(ctx) {
      ctx.record(`[${member.name} as postgres] ${command.text}`);
      const result = await ctx.shell.exec(member.name, command, { as: 'postgres', signal: ctx.signal, timeoutMs: 20_000 });
      if (result.code !== 0) throw new StepFailure(`pg_controldata failed on ${member.name}: ${result.stderr.trim().split('\n').at(-1) ?? ''}`);
      const support = rewindSupport(result.stdout);
      if (!support.checksums && !support.walLogHints) {
        throw new StepFailure(`pg_rewind needs data checksums or wal_log_hints on ${member.name}, and neither is on. Rebuild it from a base backup instead (its data directory is moved aside, never deleted).`);
      }
      verdict = support.checksums ? 'data checksums are on' : 'wal_log_hints is on';
    },
    async verify() {
      return `pg_rewind can rewind ${member.name}: ${verdict}.`;
    },
  };
}

async function editHba(ctx: StepContext, host: string, file: string, lines: readonly string[], marker: string): Promise<void> {
  const read = await ctx.shell.exec(host, hbaReadCommand(file), { as: 'root', signal: ctx.signal });
  if (read.code !== 0) throw new StepFailure(`Could not read ${file} on ${host}: ${read.stderr.trim()}`);
  const next = applyHbaLines(read.stdout, lines, marker);
  if (next === read.stdout) return;
  const digest = createHash('sha256').update(read.stdout).digest('hex');
  ctx.record(`[${host} as root] edit ${file}: lines marked ${marker}:\n${lines.join('\n') || '(removed)'}`);
  const write = await ctx.shell.exec(host, hbaWriteCommand(file, digest), { as: 'root', stdin: next, signal: ctx.signal });
  if (write.code !== 0) throw new StepFailure(`Could not write ${file} on ${host}: ${write.stderr.trim()}`);
  await sqlRun(ctx, host, RELOAD_SQL);
}

async function hbaFile(ctx: StepContext, member: FailoverMember): Promise<string> {
  const file = (await sqlRow(ctx, member.name, HBA_FILE_SQL, HBA_FILE_ROW))?.file ?? '';
  if (!isServerConfigPath(file, member.dataDirectory)) throw new StepFailure(`${member.name}'s hba_file ${JSON.stringify(file.slice(0, 200))} is not a plain path inside its data directory or /etc/postgresql; Tandem will not edit it.`);
  return file;
}

/**
 * Lets the replication role run pg_rewind against the upstream for one member: EXECUTE on
 * the four file functions pg_rewind uses (instead of a superuser login), and one pg_hba
 * line for database `postgres` from the member's address, marked so the rejoin removes it.
 */
export function rewindAccessStep(cluster: FailoverCluster, member: FailoverMember, upstream: FailoverMember): Step {
  const role = ident(cluster.roleName);
  const grants = joinSql(REWIND_FUNCTIONS.map((fn) => sql`GRANT EXECUTE ON FUNCTION pg_catalog.${fn} TO ${role};`), sql`\n`);
  const line = [cluster.tls ? 'hostssl' : 'host', 'postgres', cluster.roleName, hostCidr(member.address), cluster.passwordMethod, `# ${rewindMarker(cluster)}`].join('\t');
  return {
    name: `Let ${member.name}'s pg_rewind read files on ${upstream.name}`,
    host: upstream.name,
    deadlineMs: 60_000,
    describe: () => ({ commands: [`[${upstream.name}] ${grants}`, `[${upstream.name} as root] pg_hba.conf, lines marked ${rewindMarker(cluster)}:\n${line}`, `[${upstream.name}] SELECT pg_reload_conf()`] }),
    check: async () => false,
    async run(ctx) {
      await sqlRun(ctx, upstream.name, grants);
      await editHba(ctx, upstream.name, await hbaFile(ctx, upstream), [line], rewindMarker(cluster));
    },
    async verify() {},
  };
}

/** CHECKPOINT on a freshly promoted primary: without it pg_rewind may read an old timeline from its control file and say no rewind is needed. */
export function checkpointStep(upstream: FailoverMember): Step {
  return {
    name: `Checkpoint on ${upstream.name}`,
    host: upstream.name,
    deadlineMs: 120_000,
    describe: () => ({ commands: [`[${upstream.name}] CHECKPOINT`] }),
    check: async () => false,
    async run(ctx) {
      await sqlRun(ctx, upstream.name, sql`CHECKPOINT`, {}, 110_000);
    },
    async verify() {},
  };
}

function rewindCommand(cluster: FailoverCluster, member: FailoverMember, upstream: FailoverMember): ShellCommand {
  const auto = standbyLayout(member.dataDirectory, cluster.major).autoConf;
  const kept = `${member.dataDirectory}.tandem-rejoin.auto.conf`;
  const keep = walKeepSetting(cluster.major, REWIND_KEEP_WAL);
  const keepLine = `${keep.name} = ${confValue(keep.value)}`;
  const keptConfig = `${member.dataDirectory}.tandem-rejoin.config`;
  const source = buildConninfo({ host: upstream.address, port: upstream.pgPort, user: cluster.roleName, dbname: 'postgres', ...clusterTlsOptions(cluster), connect_timeout: 10 });
  const configFile = member.control.kind === 'pg_ctlcluster' && cluster.major >= 15 ? sh` --config-file=${`/etc/postgresql/${member.control.version}/${member.control.name}/postgresql.conf`}` : sh``;
  const signal = standbyLayout(member.dataDirectory, cluster.major).signalFile;
  return sh`set -e
grep -Fxq -- ${keepLine} ${auto} || printf '%s\n' ${keepLine} >> ${auto}
[ -e ${kept} ] || cp -p -- ${auto} ${kept}
${keepConfigFiles(member.dataDirectory, keptConfig)}
fenced_signal=0
if [ -f ${signal} ]; then fenced_signal=1; rm -f -- ${signal}; fi
trap 'if [ "$fenced_signal" = 1 ]; then touch -- ${signal}; fi' EXIT
PATH=${bindir(cluster, member)}:"$PATH" PGPASSFILE=${passfilePath(member.dataDirectory, cluster.name)} pg_rewind -D ${member.dataDirectory} --source-server=${source} --progress${configFile}
fenced_signal=0
cp -p -- ${kept} ${auto}
${restoreConfigFiles(keptConfig, member.dataDirectory)}
rm -f -- ${kept}
rm -rf -- ${keptConfig}`;
}

/**
 * Rewinds the stopped member to where it forked from the upstream's timeline, once
 * keepWalStep has kept a copy of its WAL since the fork, with the member's own pg_rewind. Its
 * own postgresql.auto.conf is kept and put back (pg_rewind copies the upstream's, whose
 * listen_addresses the member cannot bind), and so are its postgresql.conf, pg_hba.conf and
 * pg_ident.conf where they live in the data directory (PGDG's layout). Its major's keep-WAL
 * setting is written in its own postgresql.auto.conf first, so when it was stopped uncleanly (a power cut, or the fence
 * guard's immediate stop) the crash recovery pg_rewind runs first keeps the WAL since the
 * fork. The fence's standby.signal is lifted for the
 * rewind itself (pg_rewind finishes an unclean shutdown in single-user mode, which refuses
 * standby mode) and put back if pg_rewind fails; the standby step writes it afterwards. Skipped once the member is configured as a
 * standby of the upstream, which only happens after a rewind.
 */
export function rewindStep(cluster: FailoverCluster, member: FailoverMember, upstream: FailoverMember): Step {
  const command = rewindCommand(cluster, member, upstream);
  return {
    name: `Rewind ${member.name} from ${upstream.name} with pg_rewind`,
    host: member.name,
    deadlineMs: 30 * 60_000,
    describe: () => ({ commands: [`[${member.name} as postgres] ${command.text}`] }),
    check: async (ctx) => (await ctx.shell.exec(member.name, standbyConfiguredCommand(cluster, member, upstream), { as: 'postgres', signal: ctx.signal })).code === 0,
    async run(ctx) {
      ctx.record(`[${member.name} as postgres] ${command.text}`);
      const started = ctx.clock.now().getTime();
      const result = await ctx.shell.exec(member.name, command, { as: 'postgres', signal: ctx.signal, timeoutMs: 29 * 60_000, onLine: (text) => ctx.log(text) });
      if (result.code !== 0) {
        const last = result.stderr.trim().split('\n').filter((text) => text.trim() !== '').at(-1) ?? `exit ${result.code ?? 'signal'}`;
        throw new StepFailure(`pg_rewind failed on ${member.name}: ${asSentence(last)} ${member.name} is still stopped and fenced; rejoin it again “From the latest backup” when the cluster has backups (the repository serves the copy, not the primary), or with “Rebuild from a base backup” (its data directory is moved aside, never deleted).`);
      }
      ctx.metric?.('rewindMs', ctx.clock.now().getTime() - started);
    },
    async verify() {},
  };
}

/** The end of a rejoin: start.conf as before the fence, the rewind access removed, the fence cleared in Tandem. */
export function finishRejoinStep(cluster: FailoverCluster, member: FailoverMember, upstream: FailoverMember, recorder: FailoverRecorder): Step {
  const conf = startConfPath(member.control);
  return {
    name: `Clear the fence on ${member.name}`,
    host: member.name,
    deadlineMs: 60_000,
    describe: () => ({
      commands: [
        ...(conf ? [`[${member.name} as root] ${restoreAutostartCommand(conf).text}`] : []),
        `[${upstream.name} as root] pg_hba.conf: remove lines marked ${rewindMarker(cluster)}`,
        `(Tandem inventory) ${member.name}: fence cleared`,
      ],
    }),
    check: async () => !(await recorder.isFenced(member.name)),
    async run(ctx) {
      if (conf) {
        ctx.record(`[${member.name} as root] ${restoreAutostartCommand(conf).text}`);
        const result = await ctx.shell.exec(member.name, restoreAutostartCommand(conf), { as: 'root', signal: ctx.signal });
        if (result.code !== 0) throw new StepFailure(`Could not restore ${conf} on ${member.name}: ${result.stderr.trim()}`);
      }
      await editHba(ctx, upstream.name, await hbaFile(ctx, upstream), [], rewindMarker(cluster));
      await sqlRun(ctx, member.name, sql`ALTER SYSTEM RESET ${settingName(walKeepSetting(cluster.major, REWIND_KEEP_WAL).name)};\nSELECT pg_reload_conf();`);
      ctx.record(`(Tandem inventory) ${member.name}: fence cleared`);
      await recorder.clearFence(member.name, standbySlot(cluster, member));
    },
    async verify() {
      if (await recorder.isFenced(member.name)) throw new StepFailure(`${member.name} is still recorded as fenced.`);
      return `${member.name} is a standby of ${upstream.name} again; its fence is cleared.`;
    },
  };
}
