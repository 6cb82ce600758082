import { sh, type ShellCommand } from '@/lib/ssh/shell';
import { CONFIG_DIR, MAIN_CONFIG, REPOSITORY_HOME, REPOSITORY_LOG_PATH, REPOSITORY_USER } from './config-file';

/** Who runs pgBackRest on a host: the repository host's own account, or postgres on a database host. */
export type BackrestUser = typeof REPOSITORY_USER | 'postgres';

/** `pgbackrest ARGS` as `user`, from `/` (pgBackRest and runuser complain about an unreadable working directory). Run as root. */
export function pgbackrest(user: BackrestUser, args: ShellCommand): ShellCommand {
  return sh`cd / && runuser -u ${user} -- pgbackrest ${args}`;
}

/** Prints `pgBackRest 2.45`; exits 127 where it is not installed. */
export const versionCommand = sh`command -v pgbackrest >/dev/null || { echo 'pgbackrest is not installed' >&2; exit 127; }
pgbackrest version`;

/** The version `pgbackrest version` printed, or null. */
export function parseVersion(output: string): string | null {
  return /^pgBackRest (\d+\.\d+(?:\.\d+)?)\b/m.exec(output)?.[1] ?? null;
}

/**
 * Writes one of Tandem's pgBackRest files from stdin, atomically, readable by `group` only
 * (it may hold object-storage keys and the repository passphrase). Creates the main config
 * when missing, with nothing but a comment, so pgBackRest reads conf.d and not Debian's
 * legacy /etc/pgbackrest.conf. Run as root.
 */
export function writeFileCommand(path: string, group: string): ShellCommand {
  return sh`set -e
install -d -m 0755 /etc/pgbackrest ${CONFIG_DIR}
[ -e ${MAIN_CONFIG} ] || printf '%s\n' '# pgBackRest. The stanzas Tandem manages are in conf.d/tandem-<stanza>.conf.' '[global]' 'log-level-file=detail' > ${MAIN_CONFIG}
tmp=${path}.tandem.$$
(umask 027; cat > "$tmp")
chgrp -- ${group} "$tmp"; chmod 0640 "$tmp"
mv -f -- "$tmp" ${path}`;
}

/** Exits 0 when the file already holds exactly stdin. */
export function sameFileCommand(path: string): ShellCommand {
  return sh`cmp -s -- ${path} -`;
}

/**
 * The repository host's account (with its home for the SSH key), the repository directory
 * and its log directory, made when missing; prints the repository's file system (df). Run as root.
 */
export function repositoryUserCommand(repositoryPath: string): ShellCommand {
  return sh`set -e
if ! id -u ${REPOSITORY_USER} >/dev/null 2>&1; then useradd --system --user-group --home-dir ${REPOSITORY_HOME} --shell /bin/sh ${REPOSITORY_USER}; echo "created account ${REPOSITORY_USER}"; fi
install -d -m 0750 -o ${REPOSITORY_USER} -g ${REPOSITORY_USER} -- ${REPOSITORY_HOME} ${repositoryPath} ${REPOSITORY_LOG_PATH}
df -Pk -- ${repositoryPath} | tail -1`;
}
