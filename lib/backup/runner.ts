import { REDACTED } from '@/lib/replication/engine/redact';
import { REPOSITORY_USER, repositoryHostOf } from './config-file';
import type { BackrestUser } from './commands';
import type { BackupSetup, SecretsByRepository } from './types';

/** Where pgBackRest's backup, check and info run for a cluster: the repository host, or else the primary itself. */
export interface BackupRunner {
  readonly host: string;
  readonly user: BackrestUser;
}

export function backupRunner(setup: BackupSetup, primary: string): BackupRunner {
  const repository = repositoryHostOf(setup);
  return repository?.host ? { host: repository.host.name, user: REPOSITORY_USER } : { host: primary, user: 'postgres' };
}

/** Stand-ins for the secrets in what a plan shows before it runs (the run's own record redacts the real ones). */
export function shownSecrets(setup: Pick<BackupSetup, 'repositories'>): SecretsByRepository {
  return Object.fromEntries(setup.repositories.map((repository) => [repository.number, {
    ...(repository.kind === 's3' ? { s3Key: REDACTED, s3Secret: REDACTED } : {}),
    ...(repository.encrypted ? { cipherPass: REDACTED } : {}),
  }]));
}
