import { z } from 'zod';
import { pollUntil, sqlOk, sqlRow, sqlRun } from '@/lib/failover/steps/sql';
import { formatBytes } from '@/lib/format/bytes';
import { pgText, sql } from '@/lib/pg/sql';
import { queryRows } from '@/lib/replication/engine/pg-rows';
import { StepFailure, type Step, type StepContext } from '@/lib/replication/engine/types';
import { controlCommands } from '@/lib/replication/service-control';
import { sh, type ShellCommand } from '@/lib/ssh/shell';
import { archiveCommand } from './config-file';
import { pgbackrest } from './commands';
import { lastLine, fileProgress } from './host-steps';
import { parseStanzaInfo, type StanzaInfo } from './info';
import { parseRepositorySpace, repositoryFull, repositorySpaceCommand } from './repository-space';
import type { BackupRunner } from './runner';
import type { BackupMember, BackupType } from './types';

/** Tandem's own records a backup operation changes, handed to the steps so they stay free of the database. */
export interface BackupRecorder {
  saveCatalog(info: StanzaInfo): Promise<void>;
  markEnabled(): Promise<void>;
}

const archivingRow = z.object({ mode: z.string(), command: z.string(), timeout: z.string(), pending: pgText.bool.nullable() });
const ARCHIVING_SQL = sql`SELECT current_setting('archive_mode') AS mode, current_setting('archive_command') AS command,
  current_setting('archive_timeout') AS timeout,
  (SELECT pending_restart FROM pg_settings WHERE name = 'archive_mode') AS pending`;

/**
 * archive_mode and pgBackRest's archive_command on one member (a standby too, so whichever
 * member is promoted archives into the same stanza), and archive_timeout 60 s where it was
 * off, so an idle primary still archives a segment a minute. archive_mode takes a restart:
 * only with the user's consent (`restart`), and never a restart the step did not need.
 */
export function archivingStep(stanza: string, member: BackupMember, restart: boolean): Step {
  const command = archiveCommand(stanza);
  const control = controlCommands(member.control);
  const writes = [
    sql`ALTER SYSTEM SET archive_mode = 'on'`,
    sql`ALTER SYSTEM SET archive_command = :'archive_command'`,
    sql`ALTER SYSTEM SET archive_timeout = '60s'`,
  ];
  return {
    name: `Archive WAL from ${member.name} with pgBackRest`,
    host: member.name,
    deadlineMs: 180_000,
    describe: () => ({
      commands: [
        ...writes.map((text) => `[${member.name} as postgres] ${text}${text.includes(':\'archive_command\'') ? `  with archive_command=${command}` : ''}`),
        `[${member.name} as postgres] SELECT pg_reload_conf()`,
        restart ? `[${member.name} as ${control.as}] ${control.restart.text}   (only when archive_mode was off: it takes a restart)` : `(no restart: archive_mode must already be on)`,
      ],
    }),
    check: (ctx) => sqlOk(ctx, member.name, sql`SELECT current_setting('archive_mode') IN ('on', 'always') AND current_setting('archive_command') = :'archive_command' AS ok`, { archive_command: command }),
    async run(ctx) {
      const before = await sqlRow(ctx, member.name, ARCHIVING_SQL, archivingRow);
      if (before?.mode === 'off' || before?.mode === undefined) await sqlRun(ctx, member.name, writes[0] ?? sql``);
      await sqlRun(ctx, member.name, writes[1] ?? sql``, { archive_command: command });
      if (before?.timeout === '0') await sqlRun(ctx, member.name, writes[2] ?? sql``);
      await sqlRun(ctx, member.name, sql`SELECT pg_reload_conf()`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const after = await sqlRow(ctx, member.name, ARCHIVING_SQL, archivingRow);
      if (after?.pending !== true && after?.mode !== 'off') return;
      if (!restart) throw new StepFailure(`archive_mode on ${member.name} takes a restart: start Enable backups again and allow the restart when you can take it.`);
      ctx.record(`[${member.name} as ${control.as}] ${control.restart.text}`);
      const result = await ctx.shell.exec(member.name, control.restart, { as: control.as, signal: ctx.signal, timeoutMs: 150_000, onLine: (text) => ctx.log(text) });
      if (result.code !== 0) throw new StepFailure(`Restarting ${member.name} failed: ${lastLine(result)}`);
      const took = await pollUntil(ctx, () => sqlOk(ctx, member.name, sql`SELECT current_setting('archive_mode') <> 'off' AS ok`), 250, 60_000);
      if (took === null) throw new StepFailure(`${member.name} did not answer within 60 s of its restart.`);
    },
    async verify(ctx) {
      const row = await sqlRow(ctx, member.name, ARCHIVING_SQL, archivingRow);
      if (row?.mode === 'off' || row?.command !== command) throw new StepFailure(`${member.name} does not archive with pgBackRest yet (archive_mode ${row?.mode ?? 'unknown'}).`);
      return `${member.name}: archive_mode ${row.mode}, archive_command ${command}.`;
    },
  };
}

/** Runs pgBackRest on the runner, recording the command and streaming its output. */
export async function runBackrest(ctx: StepContext, runner: BackupRunner, args: ShellCommand, what: string, options: { readonly timeoutMs?: number; readonly onLine?: (line: string) => void } = {}): Promise<string> {
  const command = pgbackrest(runner.user, args);
  ctx.record(`[${runner.host} as ${runner.user}] pgbackrest ${args.text}`);
  const result = await ctx.shell.exec(runner.host, command, {
    as: 'root',
    signal: ctx.signal,
    timeoutMs: options.timeoutMs ?? 300_000,
    onLine: (text) => { ctx.log(text); options.onLine?.(text); },
  });
  if (result.code !== 0) throw new StepFailure(`${what} failed: ${lastLine(result)}`);
  return result.stdout;
}

/** Reads the stanza's info on the runner (quietly: no record, for checks). */
export async function readInfo(ctx: StepContext, runner: BackupRunner, stanza: string): Promise<StanzaInfo | null> {
  const result = await ctx.shell.exec(runner.host, pgbackrest(runner.user, sh`${`--stanza=${stanza}`} --output=json info`), { as: 'root', signal: ctx.signal, timeoutMs: 120_000 });
  if (result.code !== 0) return null;
  return parseStanzaInfo(result.stdout, stanza);
}

const systemIdRow = z.object({ id: z.string() });
const SYSTEM_ID_SQL = sql`SELECT system_identifier::text AS id FROM pg_control_system()`;

/**
 * The stanza in every repository, created for this cluster's database. A stanza of that name
 * made for another database (another system identifier) is refused, never overwritten.
 */
export function stanzaStep(stanza: string, runner: BackupRunner, primary: string): Step {
  const args = sh`${`--stanza=${stanza}`} --log-level-console=info stanza-create`;
  return {
    name: `Create stanza ${stanza}`,
    host: runner.host,
    deadlineMs: 300_000,
    describe: () => ({ commands: [`[${runner.host} as ${runner.user}] pgbackrest ${args.text}`] }),
    async check(ctx) {
      const info = await readInfo(ctx, runner, stanza).catch(() => null);
      if (info === null || info.repositories.length === 0 || !info.repositories.every((repo) => repo.code === 0 || repo.code === 2)) return false;
      const [own] = await queryRows(ctx.pg, primary, SYSTEM_ID_SQL, systemIdRow, { signal: ctx.signal, timeoutMs: 10_000 });
      return own !== undefined && info.systemIds.length === 1 && info.systemIds[0] === own.id;
    },
    async run(ctx) {
      const own = (await sqlRow(ctx, primary, SYSTEM_ID_SQL, systemIdRow))?.id;
      const info = await readInfo(ctx, runner, stanza).catch(() => null);
      const other = info?.systemIds.find((id) => id !== own);
      if (own && other) throw new StepFailure(`Stanza ${stanza} already exists for another database (system identifier ${other}; this cluster's is ${own}): Tandem will not overwrite it. Use another repository path or bucket.`);
      await runBackrest(ctx, runner, args, 'stanza-create');
    },
    async verify(ctx) {
      const info = await readInfo(ctx, runner, stanza);
      if (!info || !info.repositories.every((repo) => repo.code === 0 || repo.code === 2)) throw new StepFailure(`Stanza ${stanza} is not ready: ${info?.status.message ?? 'pgbackrest info failed'}.`);
      return `Stanza ${stanza} exists in ${info.repositories.map((repo) => `repo${repo.key}`).join(', ')}.`;
    },
  };
}

/** `pgbackrest check`: the configuration holds and a WAL segment switched on the primary reaches every repository. */
export function checkStep(stanza: string, runner: BackupRunner): Step {
  const args = sh`${`--stanza=${stanza}`} --log-level-console=info check`;
  return {
    name: `Check archiving into stanza ${stanza}`,
    host: runner.host,
    deadlineMs: 240_000,
    describe: () => ({ commands: [`[${runner.host} as ${runner.user}] pgbackrest ${args.text}`] }),
    check: async () => false,
    async run(ctx) {
      await runBackrest(ctx, runner, args, 'pgbackrest check', { timeoutMs: 230_000 });
    },
    verify: async () => 'pgbackrest check passed: a WAL segment switched on the primary was archived.',
  };
}

/** The repository's file system looked at once a backup failed: when it is full, that is what the failure says first, with the figures (pgBackRest's own last line may name only its retry). */
async function fullRepositoryReason(ctx: StepContext, space: RepositoryOnHost, stanza: string): Promise<string | null> {
  // Where the backup was being written: the stanza's backup directory (a file system of its own is mounted there at times).
  const path = `${space.path}/backup/${stanza}`;
  const result = await ctx.shell.exec(space.host, repositorySpaceCommand(path, false), { as: 'root', signal: ctx.signal, timeoutMs: 30_000 }).catch(() => null);
  const reading = result?.code === 0 ? parseRepositorySpace(result.stdout) : null;
  if (!reading || !repositoryFull(reading)) return null;
  return `the repository's file system is full: free space or lower the retention, then start again (${formatBytes(reading.freeBytes)} free of ${formatBytes(reading.totalBytes)} at ${path} on ${space.host})`;
}

/** A repository on a repository host: where its file system is read. */
export interface RepositoryOnHost {
  readonly host: string;
  readonly path: string;
}

/**
 * A backup of one type into one repository, with live progress from pgBackRest's per-file log
 * lines; passed over on resume when one started after `since` (ISO) is listed. `space`: the
 * repository's place when it is on a repository host, read when the backup fails.
 */
export function backupStep(stanza: string, runner: BackupRunner, type: BackupType, repository: number, recorder: BackupRecorder, since: string, primary: string, space: RepositoryOnHost | null = null): Step {
  const args = sh`${`--stanza=${stanza}`} ${`--repo=${repository}`} ${`--type=${type}`} --log-level-console=detail backup`;
  // pg_control takes a new primary's timeline only at its first checkpoint, and pgBackRest refuses a backup until they agree.
  const checkpoint = sql`CHECKPOINT`;
  return {
    name: `Take a ${type} backup into repo${repository}`,
    host: runner.host,
    deadlineMs: 24 * 60 * 60_000,
    describe: () => ({ commands: [`[${primary} as postgres] ${checkpoint}`, `[${runner.host} as ${runner.user}] pgbackrest ${args.text}`] }),
    async check(ctx) {
      const info = await readInfo(ctx, runner, stanza).catch(() => null);
      return info?.backups.some((backup) => backup.repository === repository && backup.type === type && backup.startedAt >= since && !backup.error) ?? false;
    },
    async run(ctx) {
      const started = Date.now();
      await sqlRun(ctx, primary, checkpoint, {}, 600_000);
      await runBackrest(ctx, runner, args, `The ${type} backup`, {
        timeoutMs: 24 * 60 * 60_000 - 60_000,
        onLine: fileProgress(ctx, 'copied from the data directory'),
      }).catch(async (error: unknown) => {
        const full = space ? await fullRepositoryReason(ctx, space, stanza) : null;
        throw full ? new StepFailure(`The ${type} backup failed: ${full}`) : error;
      });
      ctx.metric?.('backupMs', Date.now() - started);
    },
    async verify(ctx) {
      const info = await readInfo(ctx, runner, stanza);
      if (!info) throw new StepFailure('pgbackrest info failed after the backup.');
      await recorder.saveCatalog(info);
      const newest = info.backups.filter((backup) => backup.repository === repository && backup.type === type).at(-1);
      if (!newest || newest.error) throw new StepFailure(`The ${type} backup is not listed in repo${repository}.`);
      ctx.metric?.('sizeBytes', newest.sizeBytes);
      ctx.metric?.('repositorySizeBytes', newest.repositoryDeltaBytes);
      return `Backup ${newest.label} (${type}) in repo${repository}: ${newest.deltaBytes} bytes copied, ${newest.repositoryDeltaBytes} bytes in the repository, WAL ${newest.walStart ?? '?'} to ${newest.walStop ?? '?'}, LSN ${newest.lsnStart ?? '?'} to ${newest.lsnStop ?? '?'}.`;
    },
  };
}

/** Reads pgbackrest info into Tandem's catalog; `enable` also marks backups enabled. */
export function catalogStep(stanza: string, runner: BackupRunner, recorder: BackupRecorder, enable: boolean): Step {
  const args = sh`${`--stanza=${stanza}`} --output=json info`;
  return {
    name: enable ? `Record backups as enabled for ${stanza}` : `Read the backups of ${stanza}`,
    host: runner.host,
    deadlineMs: 120_000,
    describe: () => ({ commands: [`[${runner.host} as ${runner.user}] pgbackrest ${args.text}`] }),
    check: async () => false,
    async run(ctx) {
      ctx.record(`[${runner.host} as ${runner.user}] pgbackrest ${args.text}`);
      const info = await readInfo(ctx, runner, stanza);
      if (!info) throw new StepFailure(`pgbackrest info failed on ${runner.host}.`);
      await recorder.saveCatalog(info);
      if (enable) await recorder.markEnabled();
    },
    verify: async () => undefined,
  };
}
