import { z } from 'zod';
import { pollUntil, sqlRow } from '@/lib/failover/steps/sql';
import { pgText, sql } from '@/lib/pg/sql';
import { StepFailure, type Step } from '@/lib/replication/engine/types';
import { controlCommands, serverBinDirectory, stoppedCommand } from '@/lib/replication/service-control';
import { movedAsidePath, restoreConfigFiles } from '@/lib/replication/standby-files';
import { sh, type ShellCommand } from '@/lib/ssh/shell';
import type { ServiceControl } from '@/lib/discovery/facts';
import { lastLine, fileProgress, rootRun } from './host-steps';
import { runBackrest } from './pgbackrest-steps';
import type { BackupRunner } from './runner';
import { queryRows } from '@/lib/replication/engine/pg-rows';
import { describeTarget, targetOptions, type RestoreTarget, type TargetAction } from './restore-target';

/** The host a backup is restored onto, with the PostgreSQL cluster discovery found there (same major as the backup). */
export interface RestoreHost {
  readonly hostId: number;
  readonly name: string;
  readonly address: string;
  readonly pgPort: number;
  readonly dataDirectory: string;
  readonly control: ServiceControl;
  readonly hostKeyType: string;
  readonly hostKeyFingerprint: string;
}

/** Settings a restored copy must not keep from the cluster: its addresses, its upstream, its synchronous standbys (which would hang every commit). */
const CLUSTER_ONLY_SETTINGS = ['listen_addresses', 'primary_conninfo', 'primary_slot_name', 'synchronous_standby_names'];

/** A copy beside the cluster (a side restore or a drill), or the cluster's primary restored in place. */
export type RestoreUse = 'side' | 'cluster';

/** Where the restore leaves its marks beside the data directory: done, and whether the host's own server ran before. */
export function restoreMarks(dataDirectory: string, stamp: string): { readonly restored: string; readonly wasRunning: string } {
  return { restored: `${movedAsidePath(dataDirectory, stamp)}.restored`, wasRunning: `${movedAsidePath(dataDirectory, stamp)}.was-running` };
}

/** Stops the host's own server (noting that it ran, so a drill can put it back as it was). */
export function stopTargetStep(host: RestoreHost, stamp: string): Step {
  const control = controlCommands(host.control);
  const marks = restoreMarks(host.dataDirectory, stamp);
  const touchMark = sh`touch -- ${marks.wasRunning}`;
  // The mark (as root: beside the data directory, whose parent postgres may not own) joins a root stop in one round trip.
  const stop = control.as === 'root' ? sh`${touchMark} && ${control.stop}` : control.stop;
  return {
    name: `Stop PostgreSQL on ${host.name}`,
    host: host.name,
    deadlineMs: 180_000,
    describe: () => ({ commands: [...(control.as === 'root' ? [] : [`[${host.name} as root] ${touchMark.text}`]), `[${host.name} as ${control.as}] ${stop.text}`] }),
    check: async (ctx) => (await ctx.shell.exec(host.name, sh`test -e ${marks.restored} || { ${stoppedCommand(host.control)}; }`, { as: control.as === 'root' ? 'root' : 'postgres', signal: ctx.signal })).code === 0,
    async run(ctx) {
      if (control.as !== 'root') await rootRun(ctx, host.name, touchMark, 'Noting the server ran');
      ctx.record(`[${host.name} as ${control.as}] ${stop.text}`);
      const result = await ctx.shell.exec(host.name, stop, { as: control.as, signal: ctx.signal, timeoutMs: 170_000 });
      if (result.code !== 0) throw new StepFailure(`Stopping PostgreSQL on ${host.name} failed: ${lastLine(result)}`);
    },
    verify: async () => undefined,
  };
}

/**
 * The restore itself: the host's data directory moved aside whole (never deleted), a fresh one
 * filled by `pgbackrest restore` as postgres, the recovery target and action; then the settings
 * that name the cluster's own servers removed from the copy's postgresql.auto.conf, the host's
 * own listen_addresses and its config files in the data directory put back. A `side` copy
 * restores with archiving off (it must never push WAL into the cluster's stanza) and loses its
 * synchronous standbys too (they would hang every commit); the cluster's primary restored in
 * place (`cluster`) archives into the stanza and keeps them.
 */
export function restoreCommand(stanza: string, host: RestoreHost, target: RestoreTarget, action: TargetAction, repository: number | null, stamp: string, use: RestoreUse = 'side'): ShellCommand {
  const dir = host.dataDirectory;
  const moved = movedAsidePath(dir, stamp);
  const auto = `${dir}/postgresql.auto.conf`;
  const dropped = use === 'side' ? CLUSTER_ONLY_SETTINGS : CLUSTER_ONLY_SETTINGS.filter((name) => name !== 'synchronous_standby_names');
  const settings = new RegExp(`^(${dropped.join('|')}) `).source;
  return sh`set -e
if [ ! -e ${moved} ]; then mv -- ${dir} ${moved}; else rm -rf -- ${dir}; fi
install -d -o postgres -g postgres -m 0700 -- ${dir}
cd / && runuser -u postgres -- pgbackrest ${`--stanza=${stanza}`} ${`--pg1-path=${dir}`}${repository === null ? sh`` : sh` ${`--repo=${repository}`}`}${use === 'side' ? sh` --archive-mode=off` : sh``} ${targetOptions(target, action)} --log-level-console=detail restore
if [ -f ${auto} ]; then grep -vE ${settings} ${auto} > ${`${auto}.tandem`} || true; cat ${`${auto}.tandem`} > ${auto}; rm -f -- ${`${auto}.tandem`}; fi
if [ -f ${`${moved}/postgresql.auto.conf`} ]; then grep -E '^listen_addresses ' ${`${moved}/postgresql.auto.conf`} >> ${auto} || true; fi
${restoreConfigFiles(moved, dir)}
chown postgres:postgres -- ${auto}
touch -- ${restoreMarks(dir, stamp).restored}
echo "restored into ${dir}; the host's own data directory is kept at ${moved}"`;
}

/**
 * The restore, and (with `archiveOn`) `pgbackrest check` on the host backups run on at the same
 * time: it switches the primary's WAL and waits until the segment is archived, so the restored
 * server, which fetches WAL from the repository only once it starts, finds everything up to now.
 */
export function restoreStep(stanza: string, host: RestoreHost, target: RestoreTarget, action: TargetAction, repository: number | null, stamp: string, archiveOn: BackupRunner | null, use: RestoreUse = 'side'): Step {
  const command = restoreCommand(stanza, host, target, action, repository, stamp, use);
  const marks = restoreMarks(host.dataDirectory, stamp);
  const check = sh`${`--stanza=${stanza}`} --log-level-console=info check`;
  return {
    name: `Restore ${stanza} onto ${host.name} to ${describeTarget(target)}`,
    host: host.name,
    deadlineMs: 24 * 60 * 60_000,
    describe: () => ({ commands: [...(archiveOn ? [`[${archiveOn.host} as ${archiveOn.user}] pgbackrest ${check.text}   (at the same time: the primary's current WAL archived)`] : []), `[${host.name} as root] ${command.text}`] }),
    check: async (ctx) => (await ctx.shell.exec(host.name, sh`test -e ${marks.restored}`, { as: 'root', signal: ctx.signal })).code === 0,
    async run(ctx) {
      const started = Date.now();
      const archived = archiveOn ? runBackrest(ctx, archiveOn, check, 'Archiving the current WAL (pgbackrest check)', { timeoutMs: 230_000 }) : Promise.resolve('');
      const restored = rootRun(ctx, host.name, command, 'The restore', {
        timeoutMs: 24 * 60 * 60_000 - 60_000,
        onLine: fileProgress(ctx, 'restored'),
      });
      await Promise.all([archived, restored]);
      ctx.metric?.('restoreCopyMs', Date.now() - started);
    },
    async verify() {
      return `Restored into ${host.dataDirectory}; ${host.name}'s own data directory is kept at ${movedAsidePath(host.dataDirectory, stamp)}.`;
    },
  };
}

const recoveryRow = z.object({
  recovery: pgText.bool,
  paused: pgText.bool.nullable(),
  replayed_at: z.string().nullable(),
  replayed_lsn: z.string().nullable(),
  timeline: z.string().nullable(),
  databases: z.string(),
});
const RECOVERY_SQL = sql`SELECT pg_is_in_recovery() AS recovery,
  CASE WHEN pg_is_in_recovery() THEN pg_is_wal_replay_paused() END AS paused,
  to_char(pg_last_xact_replay_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS replayed_at,
  pg_last_wal_replay_lsn()::text AS replayed_lsn,
  (SELECT timeline_id::text FROM pg_control_checkpoint()) AS timeline,
  (SELECT count(*)::text FROM pg_database) AS databases`;

const lockedRow = z.object({ tables: z.string().nullable() });
/** Tables the paused startup process holds AccessExclusiveLock on: a paused restore cannot read them. */
const REPLAY_LOCKS_SQL = sql`SELECT string_agg(DISTINCT c.oid::regclass::text, ', ') AS tables FROM pg_locks l
  JOIN pg_stat_activity a ON a.pid = l.pid AND a.backend_type = 'startup'
  JOIN pg_class c ON c.oid = l.relation AND c.relkind IN ('r', 'p', 'm')
  WHERE l.locktype = 'relation' AND l.mode = 'AccessExclusiveLock' AND l.granted`;

/**
 * Starts the restored server and waits until recovery reached its target: paused there, or
 * promoted. Reports the exact point reached (last transaction replayed, its LSN, the timeline)
 * and how far it is from a time target, and a canary query; records RTO (from `startedAtMs`,
 * the operation's start) and RPO (against the target time, or the request for `latest`).
 */
export function startRestoredStep(host: RestoreHost, major: number, target: RestoreTarget, action: TargetAction, requestedAt: string): Step {
  const control = controlCommands(host.control);
  const logTail = sh`ls -t -- /var/log/postgresql/*.log ${`${host.dataDirectory}/log`}/*.log ${`${host.dataDirectory}/tandem-pg_ctl.log`} 2>/dev/null | head -1 | xargs -r tail -n 5`;
  return {
    name: `Start the restored server on ${host.name}`,
    host: host.name,
    deadlineMs: 6 * 60 * 60_000,
    describe: () => ({ commands: [`[${host.name} as ${control.as}] ${control.start.text}`, `[${host.name} as postgres] ${RECOVERY_SQL}`, `(${serverBinDirectory(host.control, major)})`] }),
    check: async () => false,
    async run(ctx) {
      ctx.record(`[${host.name} as ${control.as}] ${control.start.text}`);
      const result = await ctx.shell.exec(host.name, control.start, { as: control.as, signal: ctx.signal, timeoutMs: 6 * 60 * 60_000 - 120_000, onLine: (text) => ctx.log(text) });
      if (result.code !== 0) {
        const log = await ctx.shell.exec(host.name, logTail, { as: 'root', signal: ctx.signal });
        throw new StepFailure(`The restored server on ${host.name} did not start: ${lastLine(log.code === 0 && log.stdout.trim() ? log : result)}`);
      }
      const wanted = action === 'promote' || target.kind === 'latest' ? 'promoted' : 'paused';
      const took = await pollUntil(ctx, async () => {
        const [row] = await queryRows(ctx.pg, host.name, RECOVERY_SQL, recoveryRow, { signal: ctx.signal, timeoutMs: 10_000 });
        return wanted === 'promoted' ? row?.recovery === false : row?.paused === true;
      }, 100, 6 * 60 * 60_000 - 180_000);
      if (took === null) {
        const log = await ctx.shell.exec(host.name, logTail, { as: 'root', signal: ctx.signal });
        throw new StepFailure(`Recovery on ${host.name} did not reach ${describeTarget(target)}: ${lastLine(log)}`);
      }
    },
    async verify(ctx) {
      const row = await sqlRow(ctx, host.name, RECOVERY_SQL, recoveryRow);
      if (!row) throw new StepFailure(`The restored server on ${host.name} does not answer.`);
      const locked = row.recovery ? (await sqlRow(ctx, host.name, REPLAY_LOCKS_SQL, lockedRow))?.tables : null;
      if (locked) ctx.note(`Replay is paused inside a transaction that holds an exclusive lock on ${locked} (a DROP or TRUNCATE, say): reading ${locked.includes(',') ? 'them' : 'it'} waits until the server is promoted. Promote it (pg_promote()), or restore again choosing promote, to read ${locked.includes(',') ? 'them' : 'it'}.`);
      const now = Date.now();
      ctx.metric?.('rtoMs', now - new Date(requestedAt).getTime());
      const goal = target.kind === 'time' ? new Date(target.time).getTime() : new Date(requestedAt).getTime();
      const distance = row.replayed_at ? goal - new Date(row.replayed_at).getTime() : null;
      if (distance !== null) ctx.metric?.('rpoMs', distance);
      const how = distance === null ? 'no transaction was replayed after the backup' : `${(Math.abs(distance) / 1000).toFixed(3)} s ${distance >= 0 ? 'before' : 'after'} ${target.kind === 'time' ? 'the target' : 'the request'}`;
      return `${host.name} is ${!row.recovery ? 'promoted (writable)' : 'paused at the target (read-only)'}: last transaction replayed at ${row.replayed_at ?? 'none'} (${how}), LSN ${row.replayed_lsn ?? '?'}, timeline ${row.timeline ?? '?'}; ${row.databases} databases answer.`;
    },
  };
}
