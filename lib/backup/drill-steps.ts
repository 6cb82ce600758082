import { StepFailure, type Step } from '@/lib/replication/engine/types';
import { controlCommands, serverBinDirectory } from '@/lib/replication/service-control';
import { movedAsidePath } from '@/lib/replication/standby-files';
import { sh } from '@/lib/ssh/shell';
import { lastLine, rootRun } from './host-steps';
import { runBackrest } from './pgbackrest-steps';
import { restoreMarks, type RestoreHost } from './restore-steps';
import type { BackupRunner } from './runner';

/** `pgbackrest verify`: every backup and WAL file in the repositories against its checksum. */
export function verifyRepositoryStep(stanza: string, runner: BackupRunner): Step {
  const args = sh`${`--stanza=${stanza}`} --log-level-console=info verify`;
  return {
    name: `Verify the repository of ${stanza}`,
    host: runner.host,
    deadlineMs: 6 * 60 * 60_000,
    describe: () => ({ commands: [`[${runner.host} as ${runner.user}] pgbackrest ${args.text}`] }),
    check: async () => false,
    async run(ctx) {
      const output = await runBackrest(ctx, runner, args, 'pgbackrest verify', { timeoutMs: 6 * 60 * 60_000 - 60_000 });
      const invalid = output.split('\n').find((line) => /invalid|missing|error/i.test(line) && !/: 0\b/.test(line));
      if (invalid) throw new StepFailure(`pgbackrest verify found damage: ${invalid.trim()}`);
    },
    verify: async () => 'pgbackrest verify found every file intact.',
  };
}

/**
 * Checks the restored copy's pages: pg_amcheck (14+) over every database, installing the
 * amcheck extension in the scratch copy where it is missing; before 14 the data checksums
 * are left to pgbackrest verify and the restore's own page checks.
 */
export function amcheckStep(host: RestoreHost, major: number): Step {
  const command = sh`cd / && runuser -u postgres -- ${`${serverBinDirectory(host.control, major)}/pg_amcheck`} --install-missing --all -p ${host.pgPort}`;
  return {
    name: `Check the restored copy's pages on ${host.name}`,
    host: host.name,
    deadlineMs: 6 * 60 * 60_000,
    describe: () => ({ commands: major >= 14 ? [`[${host.name} as root] ${command.text}`] : [`(PostgreSQL ${major} has no pg_amcheck: pages are checked by pgbackrest verify and the restore)`] }),
    check: async () => false,
    async run(ctx) {
      if (major < 14) return ctx.note(`PostgreSQL ${major} has no pg_amcheck; the repository's checksums were verified instead.`);
      await rootRun(ctx, host.name, command, 'pg_amcheck', { timeoutMs: 6 * 60 * 60_000 - 60_000 });
    },
    verify: async () => (major >= 14 ? 'pg_amcheck found no corruption in any database.' : undefined),
  };
}

/**
 * The cluster's own smoke test on the restored copy: the admin's SQL through psql as postgres,
 * read-only by default and stopping at the first error. It runs on Tandem's scratch copy only,
 * which is removed afterwards; the text reaches psql on stdin, never in a command line.
 */
export function smokeTestStep(host: RestoreHost, smokeTestSql: string): Step {
  const command = sh`cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p ${host.pgPort} -d postgres`;
  const input = `SET default_transaction_read_only = on;\n${smokeTestSql.trim()}\n`;
  return {
    name: `Run the smoke test on the restored copy on ${host.name}`,
    host: host.name,
    deadlineMs: 30 * 60_000,
    describe: () => ({ commands: [`[${host.name} as root] ${command.text}`, `stdin:\n${input}`] }),
    check: async () => false,
    async run(ctx) {
      await rootRun(ctx, host.name, command, 'The smoke test', { stdin: input, shown: `${command.text} <<'SQL'\n${input}SQL`, timeoutMs: 30 * 60_000 - 30_000 });
    },
    verify: async () => 'The smoke test passed on the restored copy.',
  };
}

/**
 * Ends a drill: the scratch copy stopped and removed (it was Tandem's own restore, and the
 * user chose to remove it), the host's own data directory moved back, and its server started
 * again if it ran before.
 */
export function cleanupDrillStep(host: RestoreHost, stamp: string): Step {
  const control = controlCommands(host.control);
  const dir = host.dataDirectory;
  const moved = movedAsidePath(dir, stamp);
  const marks = restoreMarks(dir, stamp);
  const scratch = `${dir}.tandem-drill-${stamp}`;
  const command = sh`set -e
if [ -e ${moved} ]; then
  if [ -e ${dir} ]; then mv -- ${dir} ${scratch}; fi
  mv -- ${moved} ${dir}
fi
rm -rf -- ${scratch}
rm -f -- ${marks.restored}`;
  return {
    name: `Remove the scratch copy on ${host.name} and put its own server back`,
    host: host.name,
    deadlineMs: 600_000,
    describe: () => ({ commands: [`[${host.name} as ${control.as}] ${control.stop.text}`, `[${host.name} as root] ${command.text}`, `[${host.name} as ${control.as}] ${control.start.text}   (if it ran before the drill)`] }),
    check: async (ctx) => (await ctx.shell.exec(host.name, sh`test ! -e ${moved} && test ! -e ${scratch}`, { as: 'root', signal: ctx.signal })).code === 0,
    async run(ctx) {
      ctx.record(`[${host.name} as ${control.as}] ${control.stop.text}`);
      await ctx.shell.exec(host.name, control.stop, { as: control.as, signal: ctx.signal, timeoutMs: 170_000 });
      await rootRun(ctx, host.name, command, 'Removing the scratch copy');
      const ran = (await ctx.shell.exec(host.name, sh`test -e ${marks.wasRunning}`, { as: 'root', signal: ctx.signal })).code === 0;
      if (!ran) return;
      ctx.record(`[${host.name} as ${control.as}] ${control.start.text}`);
      const result = await ctx.shell.exec(host.name, control.start, { as: control.as, signal: ctx.signal, timeoutMs: 170_000 });
      if (result.code !== 0) throw new StepFailure(`${host.name}'s own server did not start again: ${lastLine(result)}`);
      await rootRun(ctx, host.name, sh`rm -f -- ${marks.wasRunning}`, 'Clearing the mark');
    },
    verify: async () => `The scratch copy is gone; ${host.name}'s own data directory is back in ${dir}.`,
  };
}
