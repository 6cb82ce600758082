import type { BackupMember, BackupSetup, RepositorySpec, SecretsByRepository } from './types';

/** The account backups run as on a repository host (pgBackRest's standard layout). */
export const REPOSITORY_USER = 'pgbackrest';
/** pgBackRest's main file: Tandem creates it only when missing (so Debian's legacy /etc/pgbackrest.conf is not read) and never edits it. */
export const MAIN_CONFIG = '/etc/pgbackrest/pgbackrest.conf';
export const CONFIG_DIR = '/etc/pgbackrest/conf.d';
/** The repository host account's home (Debian's pgBackRest directory), which holds its SSH key. */
export const REPOSITORY_HOME = '/var/lib/pgbackrest';
/** Its own log directory, so a host that also serves PostgreSQL keeps postgres's /var/log/pgbackrest as it is. */
export const REPOSITORY_LOG_PATH = '/var/lib/pgbackrest/log';

/** The one file Tandem writes for a stanza on a host; pgBackRest reads every *.conf in conf.d. */
export function stanzaConfigPath(stanza: string): string {
  return `${CONFIG_DIR}/tandem-${stanza}.conf`;
}

/** Where a repository's S3 CA certificate is kept on each host (outside conf.d: not a config file). */
export function caFilePath(stanza: string, repository: number): string {
  return `/etc/pgbackrest/tandem-${stanza}-repo${repository}-ca.pem`;
}

/** The repository host of a setup (backups run there), or null when every repository is object storage. */
export function repositoryHostOf(setup: Pick<BackupSetup, 'repositories'>): RepositorySpec | null {
  return setup.repositories.find((repository) => repository.kind === 'host') ?? null;
}

/** Where repository `number` lives when it is on a repository host (its file system can be read there); null for object storage. */
export function repositoryOnHost(setup: Pick<BackupSetup, 'repositories'>, number: number): { readonly host: string; readonly path: string } | null {
  const repository = setup.repositories.find((entry) => entry.number === number);
  return repository?.kind === 'host' && repository.host ? { host: repository.host.name, path: repository.path } : null;
}

function line(name: string, value: string | number): string {
  const text = String(value);
  if (/[\r\n\0]/.test(text) || text.trim() !== text) throw new TypeError(`pgBackRest option ${name} cannot hold line breaks or surrounding spaces`);
  return `${name}=${text}`;
}

function s3Lines(setup: BackupSetup, repository: RepositorySpec, secrets: SecretsByRepository): string[] {
  const s3 = repository.s3;
  if (!s3) throw new TypeError(`repo${repository.number} is object storage without a location`);
  const key = secrets[repository.number];
  const p = `repo${repository.number}`;
  return [
    line(`${p}-type`, 's3'),
    line(`${p}-path`, repository.path),
    line(`${p}-s3-endpoint`, s3.endpoint),
    line(`${p}-storage-port`, s3.port),
    line(`${p}-s3-bucket`, s3.bucket),
    line(`${p}-s3-region`, s3.region),
    line(`${p}-s3-uri-style`, s3.pathStyle ? 'path' : 'host'),
    line(`${p}-s3-key`, key?.s3Key ?? ''),
    line(`${p}-s3-key-secret`, key?.s3Secret ?? ''),
    ...(s3.verifyTls ? [] : [line(`${p}-storage-verify-tls`, 'n')]),
    ...(s3.verifyTls && s3.caCertificate ? [line(`${p}-storage-ca-file`, caFilePath(setup.stanza, repository.number))] : []),
  ];
}

function retentionAndCipher(repository: RepositorySpec, secrets: SecretsByRepository): string[] {
  const p = `repo${repository.number}`;
  return [
    line(`${p}-retention-full`, repository.retentionFull),
    line(`${p}-retention-full-type`, repository.retentionFullType),
    ...(repository.encrypted ? [line(`${p}-cipher-type`, 'aes-256-cbc'), line(`${p}-cipher-pass`, secrets[repository.number]?.cipherPass ?? '')] : []),
  ];
}

/**
 * The stanza's section for the repository host: its own repository (path, retention,
 * encryption), every object-storage repository, and every member as `pgN-host` reached over
 * SSH as postgres. pgBackRest finds the primary among them itself, so the file holds after a
 * failover; with backup-standby it copies from a standby.
 */
export function repositoryHostConfig(setup: BackupSetup, secrets: SecretsByRepository): string {
  const lines = [`[${setup.stanza}]`];
  for (const repository of setup.repositories) {
    if (repository.kind === 'host') lines.push(line(`repo${repository.number}-path`, repository.path));
    else lines.push(...s3Lines(setup, repository, secrets));
    lines.push(...retentionAndCipher(repository, secrets));
  }
  lines.push(line('compress-type', setup.compressType), line('process-max', setup.processMax), line('start-fast', 'y'), line('log-path', REPOSITORY_LOG_PATH));
  if (setup.backupStandby) lines.push(line('backup-standby', 'y'));
  setup.members.forEach((member, index) => {
    const n = index + 1;
    lines.push(line(`pg${n}-host`, member.address), line(`pg${n}-host-user`, 'postgres'), line(`pg${n}-path`, member.dataDirectory), line(`pg${n}-port`, member.pgPort));
  });
  return `${lines.join('\n')}\n`;
}

/**
 * The stanza's section for a database host (a member, or a host a backup is restored onto):
 * the repository host as `repoN-host` (encryption happens there), object storage in full
 * (archive-push encrypts locally), and the host's own data directory as pg1.
 */
export function databaseHostConfig(setup: BackupSetup, secrets: SecretsByRepository, pg: Pick<BackupMember, 'dataDirectory' | 'pgPort'>): string {
  const lines = [`[${setup.stanza}]`];
  for (const repository of setup.repositories) {
    if (repository.kind === 'host') {
      if (!repository.host) throw new TypeError(`repo${repository.number} is a repository host without a host`);
      lines.push(line(`repo${repository.number}-host`, repository.host.address), line(`repo${repository.number}-host-user`, REPOSITORY_USER));
    } else {
      lines.push(...s3Lines(setup, repository, secrets), ...retentionAndCipher(repository, secrets));
    }
  }
  lines.push(line('compress-type', setup.compressType), line('process-max', setup.processMax));
  if (!repositoryHostOf(setup)) lines.push(line('start-fast', 'y'));
  lines.push(line('pg1-path', pg.dataDirectory), line('pg1-port', pg.pgPort));
  return `${lines.join('\n')}\n`;
}

/** The archive_command every member gets, so whichever is primary archives into the stanza. */
export function archiveCommand(stanza: string): string {
  return `pgbackrest --stanza=${stanza} archive-push %p`;
}
