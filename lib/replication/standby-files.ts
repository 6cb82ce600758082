import { sh, type ShellCommand } from '@/lib/ssh/shell';
import { listenCovers } from './primary-settings';
import type { SetupOptions, SetupReplica } from './setup-types';

/** Where a standby's recovery settings live: PostgreSQL 12 merged recovery.conf into the main config. */
export interface StandbyLayout {
  /** File whose presence makes the server start as a standby. */
  readonly signalFile: string;
  /** File pg_basebackup -R writes primary_conninfo to. */
  readonly conninfoFile: string;
  readonly autoConf: string;
}

/** The standby files for a data directory and major version (recovery.conf before 12). */
export function standbyLayout(dataDirectory: string, major: number): StandbyLayout {
  return major >= 12
    ? { signalFile: `${dataDirectory}/standby.signal`, conninfoFile: `${dataDirectory}/postgresql.auto.conf`, autoConf: `${dataDirectory}/postgresql.auto.conf` }
    : { signalFile: `${dataDirectory}/recovery.conf`, conninfoFile: `${dataDirectory}/recovery.conf`, autoConf: `${dataDirectory}/postgresql.auto.conf` };
}

/** The persistent 0600 passfile beside the data directory that primary_conninfo's `passfile=` names. */
export function passfilePath(dataDirectory: string, clusterName: string): string {
  const parent = dataDirectory.slice(0, dataDirectory.lastIndexOf('/')) || '';
  return `${parent}/tandem-${clusterName}.pgpass`;
}

/** Where the old data directory goes: `<datadir>.tandem-<stamp>`, beside it on the same file system. */
export function movedAsidePath(dataDirectory: string, stamp: string): string {
  return `${dataDirectory}.tandem-${stamp}`;
}

/** Quotes a value for a postgresql.conf line the way ALTER SYSTEM writes it. */
export function confValue(value: string): string {
  if (/[\0\r\n\\]/.test(value)) throw new TypeError('A config value cannot hold line breaks, NUL or backslashes');
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * The replica's own listen_addresses, re-stated in its postgresql.auto.conf because the
 * base backup copies the primary's postgresql.auto.conf, which may hold the primary's
 * addresses (set by Tandem or earlier) that the replica cannot bind.
 */
export function replicaListenAddresses(replica: SetupReplica, options: SetupOptions): string {
  const current = replica.facts?.cluster?.listenAddresses?.trim() || null;
  if (current === null) return `localhost,${replica.address}`;
  return options.setListenAddresses && !listenCovers(current, replica.address) ? `${current},${replica.address}` : current;
}

/** The lines appended to the replica's config after the clone, as `name = 'value'` like ALTER SYSTEM writes them. */
export function standbySettingLines(replica: SetupReplica, options: SetupOptions): string[] {
  return [
    `listen_addresses = ${confValue(replicaListenAddresses(replica, options))}`,
    "hot_standby = 'on'",
    "hot_standby_feedback = 'on'",
    "wal_receiver_status_interval = '1s'",
  ];
}

/** Appends each line unless the file already holds it exactly; running it twice changes nothing. */
export function appendMissingLines(file: string, lines: readonly string[]): ShellCommand {
  if (lines.length === 0) throw new TypeError('appendMissingLines: no lines');
  const parts = lines.map((line) => sh`grep -Fxq -- ${line} ${file} || printf '%s\n' ${line} >> ${file}`);
  return sh`set -e
${parts.reduce((all, part) => sh`${all}
${part}`)}`;
}

/** Holds when the file contains every line exactly. */
export function hasLinesCommand(file: string, lines: readonly string[]): ShellCommand {
  if (lines.length === 0) throw new TypeError('hasLinesCommand: no lines');
  return lines.map((line) => sh`grep -Fxq -- ${line} ${file}`).reduce((all, part) => sh`${all} && ${part}`);
}

/**
 * The configuration files PostgreSQL reads from the data directory when they live there
 * (PGDG's layout; Debian keeps them in /etc/postgresql). pg_basebackup and pg_rewind copy
 * the source's over the member's own.
 */
const DATA_DIRECTORY_CONFIG_FILES = ['postgresql.conf', 'pg_hba.conf', 'pg_ident.conf'];

/** Copies those of the files that exist in `dir` into the directory `keep`, once: a resumed run keeps the first copy. */
export function keepConfigFiles(dir: string, keep: string): ShellCommand {
  return sh`if [ ! -e ${keep} ]; then
  mkdir -m 0700 -- ${keep}
  for f in ${DATA_DIRECTORY_CONFIG_FILES}; do if [ -f ${dir}/"$f" ]; then cp -p -- ${dir}/"$f" ${keep}/; fi; done
fi`;
}

/** Puts the member's own configuration files kept in `keep` (or left in a moved-aside data directory) back into `dir`. */
export function restoreConfigFiles(keep: string, dir: string): ShellCommand {
  return sh`for f in ${DATA_DIRECTORY_CONFIG_FILES}; do if [ -f ${keep}/"$f" ]; then cp -p -- ${keep}/"$f" ${dir}/; fi; done`;
}
