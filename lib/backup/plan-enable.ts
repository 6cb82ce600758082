import type { Step } from '@/lib/replication/engine/types';
import { repositoryHostOf, repositoryOnHost } from './config-file';
import { backupHosts, configStep, probeRepositoryStep, repositoryUserStep, trustStep, versionStep } from './host-steps';
import { archivingStep, backupStep, catalogStep, checkStep, stanzaStep, type BackupRecorder } from './pgbackrest-steps';
import { backupRunner, shownSecrets } from './runner';
import type { BackupSetup, SecretsByRepository } from './types';

/** What an enable-backups operation stores (no secrets: those are read from the repositories at run time). */
export interface EnableBackupsParams {
  readonly primary: string;
  /** The user allowed the restart archive_mode takes, now. */
  readonly restart: boolean;
  readonly requestedAt: string;
}

/**
 * Enable backups on a running cluster: pgBackRest on every host in one version; the
 * repository host's account and directory; SSH trust both ways between it and each member;
 * each object storage reached with its credentials before anything is written;
 * one file per host for the stanza; archiving on every member (standbys first, the primary
 * last); stanza-create (refusing another database's stanza), pgbackrest check, the first
 * full backup into each repository, and the catalog. Every step can be re-run.
 */
export function planEnableBackups(setup: BackupSetup, params: EnableBackupsParams, secrets: () => Promise<SecretsByRepository>, recorder: BackupRecorder): Step[] {
  const repository = repositoryHostOf(setup);
  const runner = backupRunner(setup, params.primary);
  const shown = shownSecrets(setup);
  const repositoryHost = repository?.host ?? null;
  const ordered = [...setup.members.filter((member) => member.name !== params.primary), ...setup.members.filter((member) => member.name === params.primary)];
  return [
    versionStep(backupHosts(setup)),
    ...(repository && repositoryHost ? [repositoryUserStep({ ...repository, host: repositoryHost })] : []),
    // Object storage is tried with its credentials before trust, files or settings change anywhere.
    ...setup.repositories.filter((entry) => entry.kind === 's3').map((entry) => probeRepositoryStep(runner, entry, secrets)),
    ...(repositoryHost ? setup.members.filter((member) => member.hostId !== repositoryHost.hostId).map((member) => trustStep(setup.stanza, repositoryHost, member)) : []),
    ...(repositoryHost ? [configStep(setup, secrets, repositoryHost, { kind: 'repository' }, shown)] : []),
    ...setup.members.map((member) => configStep(setup, secrets, member, { kind: 'database', pg: member }, shown)),
    ...ordered.map((member) => archivingStep(setup.stanza, member, params.restart)),
    stanzaStep(setup.stanza, runner, params.primary),
    checkStep(setup.stanza, runner),
    ...setup.repositories.map((entry) => backupStep(setup.stanza, runner, 'full', entry.number, recorder, params.requestedAt, params.primary, repositoryOnHost(setup, entry.number))),
    catalogStep(setup.stanza, runner, recorder, true),
  ];
}
