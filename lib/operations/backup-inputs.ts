import 'server-only';
import type { BackupRecorder } from '@/lib/backup/pgbackrest-steps';
import type { BackupSetup, SecretsByRepository } from '@/lib/backup/types';
import { repositoryHostOf } from '@/lib/backup/config-file';
import { configStep, trustStep } from '@/lib/backup/host-steps';
import { shownSecrets } from '@/lib/backup/runner';
import { loadBackupHost, loadBackupSetup, loadRepositorySecrets, markBackupsEnabled, saveCatalog, secretValues, type BackupPlanRow } from '@/lib/db/backups';
import type { Step } from '@/lib/replication/engine';

/** What every backup kind plans from: the setup, the repositories' secrets (listed for redaction), and the recorder. */
export interface BackupInputs {
  readonly setup: BackupSetup;
  readonly plan: BackupPlanRow;
  readonly primary: string | null;
  readonly secrets: () => Promise<SecretsByRepository>;
  readonly secretValues: string[];
  readonly recorder: BackupRecorder;
}

export async function loadBackupInputs(clusterId: number): Promise<BackupInputs> {
  const loaded = await loadBackupSetup(clusterId);
  if (!loaded) throw new Error('Backups are not configured for this cluster: add a repository in its Backups settings first.');
  if (loaded.setup.repositories.length === 0) throw new Error(`Cluster ${loaded.setup.clusterName} has no backup repository: add one first.`);
  const secrets = await loadRepositorySecrets(clusterId);
  return {
    ...loaded,
    secrets: async () => secrets,
    secretValues: secretValues(secrets),
    recorder: { saveCatalog: (info) => saveCatalog(clusterId, info), markEnabled: () => markBackupsEnabled(clusterId) },
  };
}

/**
 * What a host needs before `pgbackrest restore` can run on it: SSH trust with the repository
 * host (when there is one) and the stanza's file for its own data directory. For a new replica
 * restored from the latest backup.
 */
export async function backupRestoreSteps(clusterId: number, hostName: string, pg: { readonly dataDirectory: string; readonly pgPort: number }): Promise<{ readonly steps: Step[]; readonly secrets: string[] }> {
  const inputs = await loadBackupInputs(clusterId);
  if (!inputs.plan.enabledAt) throw new Error(`Backups are not enabled on ${inputs.setup.clusterName}: a host cannot be restored from one.`);
  const host = await loadBackupHost(hostName);
  const repository = repositoryHostOf(inputs.setup)?.host ?? null;
  return {
    steps: [...(repository ? [trustStep(inputs.setup.stanza, repository, host)] : []), configStep(inputs.setup, inputs.secrets, host, { kind: 'database', pg }, shownSecrets(inputs.setup))],
    secrets: inputs.secretValues,
  };
}
