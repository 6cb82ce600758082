import 'server-only';
import type { BackupRecorder } from '@/lib/backup/pgbackrest-steps';
import type { BackupSetup, SecretsByRepository } from '@/lib/backup/types';
import { loadBackupSetup, loadRepositorySecrets, markBackupsEnabled, saveCatalog, secretValues, type BackupPlanRow } from '@/lib/db/backups';

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
