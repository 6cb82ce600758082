import { buildConninfo } from '@/lib/pg/conninfo';
import { sql } from '@/lib/pg/sql';
import { sh, type ShellCommand } from '@/lib/ssh/shell';
import { replicationTlsOptions } from '@/lib/tls/member-files';
import { majorVersion, replicaNames } from './names';
import { certificateStep, clusterOf } from './plan-primary';
import type { Check, PgEndpoint, PlannedStep } from './plan-types';
import { controlCommands, serverBinDirectory, stoppedCommand } from './service-control';
import { appendMissingLines, confValue, hasLinesCommand, movedAsidePath, passfilePath, standbyLayout, standbySettingLines } from './standby-files';
import type { SetupOptions, SetupReplica, SetupSnapshot } from './setup-types';

/** A base backup of a large cluster over a slow link takes hours; the runner streams progress meanwhile. */
export const BASE_BACKUP_TIMEOUT_MS = 12 * 60 * 60 * 1000;

interface ReplicaContext {
  readonly replica: SetupReplica;
  readonly host: string;
  readonly dir: string;
  readonly major: number;
  readonly app: string;
  readonly slot: string;
  readonly passfile: string;
  readonly primaryAddress: string;
  readonly primaryPort: number;
  /** Holds once this operation's base backup for this replica has completed. */
  readonly cloneDone: Check;
}

function context(snapshot: SetupSnapshot, replica: SetupReplica, options: SetupOptions): ReplicaContext {
  const cluster = clusterOf(replica);
  const dir = cluster.dataDirectory;
  const major = majorVersion(cluster.version) ?? 0;
  const { applicationName, slotName } = replicaNames(replica.name);
  const layout = standbyLayout(dir, major);
  // As pg_basebackup -R writes it (unquoted), or as buildConninfo quotes it inside a config value ('' around it).
  const conninfoPattern = `application_name=('')?${applicationName}('')?([ ']|$)`;
  const cloneDone: Check = {
    kind: 'shell',
    host: replica.name,
    as: 'root',
    command: sh`test -f ${`${dir}/PG_VERSION`} && test -f ${layout.signalFile} && grep -Eq -- ${conninfoPattern} ${layout.conninfoFile}`,
  };
  return {
    replica, host: replica.name, dir, major, app: applicationName, slot: slotName, cloneDone,
    passfile: passfilePath(dir, options.clusterName),
    primaryAddress: snapshot.primary.address,
    primaryPort: clusterOf(snapshot.primary).port,
  };
}

function tlsOptions(ctx: ReplicaContext, options: SetupOptions): Record<string, string> {
  return replicationTlsOptions({ tls: options.tls, verified: options.tls, clusterName: options.clusterName, major: ctx.major, passwordMethod: options.passwordMethod });
}

function replicationConninfo(ctx: ReplicaContext, options: SetupOptions): string {
  return buildConninfo({ application_name: ctx.app, ...tlsOptions(ctx, options) });
}

/**
 * Empties the data directory for the clone. Move-aside keeps the DBA's data at a path
 * stamped with this operation; when that path already exists, this same operation moved
 * the data there before and the directory holds only its own interrupted clone, which
 * is removed so a resumed setup can clone again. A pg_basebackup left running into the
 * directory by an interrupted Tandem (it uses this cluster's passfile) is stopped first;
 * anyone else's makes the step refuse.
 */
function clearCommand(ctx: ReplicaContext, options: SetupOptions): ShellCommand {
  const pid = `${ctx.dir}/postmaster.pid`;
  const guard = sh`set -e
if [ -f ${pid} ] && kill -0 "$(head -n 1 -- ${pid})" 2>/dev/null; then echo 'PostgreSQL still runs in this data directory' >&2; exit 3; fi
for p in $(pgrep -x pg_basebackup); do
  tr '\0' '\n' < "/proc/$p/cmdline" | grep -qxF -- ${ctx.dir} || continue
  if tr '\0' '\n' < "/proc/$p/environ" | grep -qxF -- ${`PGPASSFILE=${ctx.passfile}`}; then
    echo "stopping pg_basebackup $p left by an interrupted Tandem run"
    kill -TERM "$p" 2>/dev/null || true
    for i in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$p" 2>/dev/null || true
  else
    echo 'Another pg_basebackup into this data directory is running; wait for it to end' >&2; exit 3
  fi
done`;
  const recreate = sh`install -d -o postgres -g postgres -m 0700 -- ${ctx.dir}`;
  if (options.existingData === 'delete') {
    return sh`${guard}
if [ -d ${ctx.dir} ]; then find ${ctx.dir} -mindepth 1 -delete; fi
${recreate}`;
  }
  const moved = movedAsidePath(ctx.dir, options.stamp);
  return sh`${guard}
if [ -d ${ctx.dir} ] && [ -n "$(ls -A -- ${ctx.dir})" ]; then
  if mountpoint -q -- ${ctx.dir}; then echo 'The data directory is a mount point and cannot be moved aside; choose delete' >&2; exit 3; fi
  if [ -e ${moved} ]; then
    find ${ctx.dir} -mindepth 1 -delete
  else
    mv -- ${ctx.dir} ${moved}
  fi
fi
${recreate}`;
}

function baseBackupCommand(ctx: ReplicaContext, options: SetupOptions): ShellCommand {
  const slot = options.slots ? sh` -S ${ctx.slot}` : sh``;
  const rate = options.baseBackupMaxRateKb === null ? sh`` : sh` --max-rate=${options.baseBackupMaxRateKb}k`;
  const bin = serverBinDirectory(clusterOf(ctx.replica).control, ctx.major);
  return sh`PGPASSFILE=${ctx.passfile} PATH=${bin}:"$PATH" pg_basebackup -h ${ctx.primaryAddress} -p ${ctx.primaryPort} -U ${options.roleName} -D ${ctx.dir} -R -X stream${slot}${rate} --checkpoint=fast -P -w -d ${replicationConninfo(ctx, options)}`;
}

/**
 * The clone from the repository instead: `pgbackrest restore --type=standby` of the stanza's
 * latest backup into the cleared data directory as postgres (WAL to follow from the archive,
 * then streaming), then primary_conninfo (and the slot) as pg_basebackup -R would write them.
 */
function backupRestoreCommand(ctx: ReplicaContext, options: SetupOptions, stanza: string): ShellCommand {
  const layout = standbyLayout(ctx.dir, ctx.major);
  const conninfo = buildConninfo({ user: options.roleName, passfile: ctx.passfile, host: ctx.primaryAddress, port: ctx.primaryPort, application_name: ctx.app, ...tlsOptions(ctx, options) });
  const lines = [`primary_conninfo = ${confValue(conninfo)}`, ...(options.slots ? [`primary_slot_name = ${confValue(ctx.slot)}`] : [])];
  return sh`set -e
cd / && pgbackrest ${`--stanza=${stanza}`} ${`--pg1-path=${ctx.dir}`} --type=standby --target-timeline=latest --log-level-console=info restore
${appendMissingLines(layout.conninfoFile, lines)}`;
}

function passfileCommand(ctx: ReplicaContext): ShellCommand {
  return sh`set -e
umask 077
tmp=$(mktemp -- ${`${ctx.passfile}.XXXXXX`})
trap 'rm -f -- "$tmp"' EXIT
cat > "$tmp"
mv -f -- "$tmp" ${ctx.passfile}
trap - EXIT`;
}

/** Every member's PostgreSQL: the passfile names each of them and nothing else. */
function memberEndpoints(snapshot: SetupSnapshot): PgEndpoint[] {
  return [snapshot.primary, ...snapshot.replicas].map((member) => ({ host: member.address, port: clusterOf(member).port }));
}

/**
 * Writes the replication passfile of `replica`: one line per member of the cluster. Add-replica
 * runs it on the existing replicas too, so the new member is among the upstreams they may
 * be re-pointed at.
 */
export function passfileStep(snapshot: SetupSnapshot, replica: SetupReplica, options: SetupOptions): PlannedStep {
  const ctx = context(snapshot, replica, options);
  return {
    host: ctx.host, phase: 'replica', id: `replica-${ctx.app}-passfile`, title: `Write the replication passfile on ${ctx.host}`,
    why: `pg_basebackup and the standby's walreceiver read the password from ${ctx.passfile} (0600, postgres), which names each member's address and port; primary_conninfo names this file, never the password.`,
    check: { kind: 'never', reason: 'the file\'s password cannot be compared without reading the secret back' },
    actions: [{ kind: 'shell', host: ctx.host, as: 'postgres', command: passfileCommand(ctx), timeoutMs: 30_000, stdin: { kind: 'replication-passfile', endpoints: memberEndpoints(snapshot), role: options.roleName } }],
    verify: shellCheck(ctx.host, 'postgres', sh`test "$(stat -c %a -- ${ctx.passfile})" = 600`),
  };
}

function shellCheck(host: string, as: 'root' | 'postgres', command: ShellCommand): Check {
  return { kind: 'shell', host, as, command };
}

/**
 * The steps that turn one plain host into a streaming standby, in an order that destroys
 * nothing until the primary is known to accept this replica's replication login: reach
 * the primary, write the passfile, prove a replication connection, then stop, clear
 * (move aside by default), clone with pg_basebackup -R, add standby settings and start.
 * Each step's check also holds once the clone is done, so a resumed operation never
 * stops or clears a replica it already built. Before: validated snapshot and options.
 */
export function replicaSteps(snapshot: SetupSnapshot, replica: SetupReplica, options: SetupOptions): PlannedStep[] {
  const ctx = context(snapshot, replica, options);
  const { host, dir } = ctx;
  const cluster = clusterOf(replica);
  const control = controlCommands(cluster.control);
  const layout = standbyLayout(dir, ctx.major);
  const reach = shellCheck(host, 'postgres', sh`pg_isready -q -h ${ctx.primaryAddress} -p ${ctx.primaryPort} -t 5`);
  const replicationLogin = buildConninfo({ host: ctx.primaryAddress, port: ctx.primaryPort, user: options.roleName, dbname: 'replication', replication: 'true', ...tlsOptions(ctx, options), connect_timeout: 10 });
  const login = shellCheck(host, 'postgres', sh`PGPASSFILE=${ctx.passfile} psql -X -q -w -d ${replicationLogin} -c 'IDENTIFY_SYSTEM' >/dev/null`);
  const stopped = shellCheck(host, control.as === 'root' ? 'root' : 'postgres', stoppedCommand(cluster.control));
  const running = shellCheck(host, control.as === 'root' ? 'root' : 'postgres', control.status);
  const empty = shellCheck(host, 'root', sh`test -d ${dir} && [ -z "$(ls -A -- ${dir})" ]`);
  const settingLines = standbySettingLines(replica, options);
  const recoveryLines = ctx.major < 12 ? ["recovery_target_timeline = 'latest'"] : [];
  const configured = ctx.major < 12
    ? shellCheck(host, 'root', sh`${hasLinesCommand(layout.autoConf, settingLines)} && ${hasLinesCommand(layout.conninfoFile, recoveryLines)}`)
    : shellCheck(host, 'root', hasLinesCommand(layout.autoConf, settingLines));
  const inRecovery: Check = { kind: 'sql', host, sql: sql`SELECT pg_is_in_recovery() AS ok`, params: {} };
  const id = (suffix: string) => `replica-${ctx.app}-${suffix}`;
  const base = { host, phase: 'replica' as const };
  return [
    { ...base, id: id('reach'), title: `Check that ${host} reaches the primary's PostgreSQL port`, why: 'Nothing on the replica changes until the primary answers.',
      check: reach, actions: [{ kind: 'wait', until: reach, intervalMs: 1000, timeoutMs: 30_000 }], verify: reach },
    ...(options.tls ? [certificateStep(id('certificate'), replica, 'replica', options.clusterName)] : []),
    passfileStep(snapshot, replica, options),
    { ...base, id: id('login'), title: `Prove a replication login from ${host}`, why: 'pg_hba, the role, the password and TLS are proven before the replica is stopped.',
      check: login, actions: [{ kind: 'wait', until: login, intervalMs: 1000, timeoutMs: 30_000 }], verify: login },
    { ...base, id: id('stop'), title: `Stop PostgreSQL on ${host}`, why: 'The data directory is replaced by a copy of the primary.',
      check: { kind: 'any', of: [ctx.cloneDone, stopped] }, actions: [{ kind: 'shell', host, as: control.as, command: control.stop, timeoutMs: 120_000 }], verify: stopped },
    { ...base, id: id('clear'), title: options.existingData === 'delete' ? `Delete the data directory contents on ${host}` : `Move the data directory aside on ${host}`,
      why: options.existingData === 'delete' ? `Deletes everything in ${dir}, as chosen.` : `Keeps the old data at ${movedAsidePath(dir, options.stamp)} until you remove it.`,
      check: { kind: 'any', of: [ctx.cloneDone, empty] }, actions: [{ kind: 'shell', host, as: 'root', command: clearCommand(ctx, options), timeoutMs: 600_000 }], verify: empty },
    options.cloneFromStanza
      ? { ...base, id: id('base-backup'), title: `Restore ${host} from the latest backup of stanza ${options.cloneFromStanza}`,
        why: 'The repository serves the copy, so the primary carries no base backup; the standby then replays archived WAL and streams from the primary.',
        check: ctx.cloneDone, actions: [{ kind: 'shell', host, as: 'postgres', command: backupRestoreCommand(ctx, options, options.cloneFromStanza), timeoutMs: BASE_BACKUP_TIMEOUT_MS }], verify: ctx.cloneDone }
      : { ...base, id: id('base-backup'), title: `Clone the primary onto ${host} with pg_basebackup`,
        why: `-R writes ${ctx.major >= 12 ? 'standby.signal and primary_conninfo in postgresql.auto.conf' : 'recovery.conf (standby_mode, primary_conninfo, primary_slot_name)'}; --checkpoint=fast avoids waiting for a spread checkpoint.`,
        check: ctx.cloneDone, actions: [{ kind: 'shell', host, as: 'postgres', command: baseBackupCommand(ctx, options), timeoutMs: BASE_BACKUP_TIMEOUT_MS }], verify: ctx.cloneDone },
    { ...base, id: id('configure'), title: `Add standby settings on ${host}`,
      why: 'hot_standby serves reads; hot_standby_feedback avoids query cancellations; a 1 s status interval keeps reply_time fresh so a stalled link shows within seconds.',
      check: configured,
      actions: [
        { kind: 'shell', host, as: 'postgres', command: appendMissingLines(layout.autoConf, settingLines), timeoutMs: 30_000 },
        ...(recoveryLines.length > 0 ? [{ kind: 'shell' as const, host, as: 'postgres' as const, command: appendMissingLines(layout.conninfoFile, recoveryLines), timeoutMs: 30_000 }] : []),
      ],
      verify: configured,
      config: [{ host, file: layout.autoConf, lines: settingLines }, ...(recoveryLines.length > 0 ? [{ host, file: layout.conninfoFile, lines: recoveryLines }] : [])] },
    { ...base, id: id('start'), title: `Start ${host} as a standby`, why: 'The standby connects to the primary and streams WAL.',
      check: { kind: 'all', of: [running, inRecovery] },
      actions: [{ kind: 'shell', host, as: control.as, command: control.start, timeoutMs: 300_000 }, { kind: 'wait', until: inRecovery, intervalMs: 250, timeoutMs: 120_000 }],
      verify: inRecovery },
  ];
}

/** Identifies this replica's clone check, for tests and the runbook. */
export function cloneDoneCheck(snapshot: SetupSnapshot, replica: SetupReplica, options: SetupOptions): Check {
  return context(snapshot, replica, options).cloneDone;
}
