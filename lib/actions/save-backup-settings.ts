'use server';

import { revalidatePath } from 'next/cache';
import { clusterPath } from '@/lib/clusters/cluster-tabs';
import { loadBackupPlan, saveBackupPlan, type RepositoryInput } from '@/lib/db/backups';
import { backupHostChoices, storedRepositorySecrets, type HostChoice, type StoredSecrets } from '@/lib/db/backups-read';
import { db } from '@/lib/db/client';
import { failure, success, type FieldErrors } from './action-result';
import type { RepositoryForm } from './backup-repository-fields';
import { backupSettingsInput, backupSettingsSchema, type BackupSettingsForm } from './backup-settings-form';
import { auditedBy, defineAction } from './define-action';

/** What the stored state refuses in a checked form: hosts, secrets that must be given, encryption that can no longer change. */
function storedStateErrors(form: BackupSettingsForm, hosts: readonly HostChoice[], secrets: ReadonlyMap<number, StoredSecrets>, enabled: boolean): FieldErrors {
  const errors: FieldErrors = {};
  const add = (field: string, message: string) => void (errors[field] ??= []).push(message);
  form.repositories.forEach((row: RepositoryForm, index) => {
    const stored = secrets.get(row.number);
    if (row.kind === 'host') {
      const host = hosts.find((entry) => entry.id === row.hostId);
      if (!host) add(`repoHostId.${index}`, 'Choose a host of the inventory');
      else if (host.inThisCluster) add(`repoHostId.${index}`, `${host.name} is a member of this cluster: the repository host must be another machine`);
    }
    if (row.kind === 's3' && row.s3Key === null && !stored?.s3Key) add(`s3Key.${index}`, 'Give the access key');
    if (row.kind === 's3' && row.s3Secret === null && !stored?.s3Secret) add(`s3Secret.${index}`, 'Give the secret key');
    if (enabled && stored && row.cipherPass !== null) add(`cipherPass.${index}`, 'The passphrase cannot change once backups are enabled: pgBackRest could no longer read the repository');
    if (enabled && stored?.cipherPass && row.removeEncryption) add(`removeEncryption.${index}`, 'The encryption cannot be removed once backups are enabled');
  });
  if (form.drillHostId !== null) {
    const host = hosts.find((entry) => entry.id === form.drillHostId);
    if (!host) add('drillHostId', 'Choose a host of the inventory');
    else if (host.memberOf) add('drillHostId', `${host.name} is a member of cluster ${host.memberOf}: a drill restores onto a host that is no member`);
  }
  return errors;
}

function repositoryInput(row: RepositoryForm): RepositoryInput {
  return {
    number: row.number, kind: row.kind, hostId: row.hostId, path: row.path, s3: row.s3,
    ...(row.s3Key === null ? {} : { s3Key: row.s3Key }),
    ...(row.s3Secret === null ? {} : { s3Secret: row.s3Secret }),
    ...(row.removeEncryption ? { cipherPass: null } : row.cipherPass === null ? {} : { cipherPass: row.cipherPass }),
    retentionFull: row.retentionFull, retentionFullType: row.retentionFullType,
  };
}

/**
 * Admin only: a cluster's backup settings, its repositories (a repository host or S3, at most
 * four) with their retention and encryption, compression, the schedule and restore drills.
 * Secrets left empty keep the stored ones; none is ever sent back. Saved and audited together.
 */
export const saveBackupSettings = defineAction(
  { permission: 'settings.manage', audit: 'backups.configure', schema: backupSettingsSchema, fields: backupSettingsInput },
  async (form, actor) => {
    const cluster = await (await db()).cluster.findUnique({ where: { id: form.clusterId }, select: { name: true } });
    if (!cluster) return failure('This cluster no longer exists.');
    const [stored, secrets, hosts] = await Promise.all([loadBackupPlan(form.clusterId), storedRepositorySecrets(form.clusterId), backupHostChoices(form.clusterId)]);
    const errors = storedStateErrors(form, hosts, secrets, Boolean(stored?.enabledAt));
    if (Object.keys(errors).length > 0) return failure('Some fields need attention.', errors);
    const { clusterId, repositories, ...plan } = form;
    await saveBackupPlan(clusterId, cluster.name, { ...plan, repositories: repositories.map(repositoryInput) }, auditedBy(actor));
    revalidatePath(clusterPath(clusterId, 'backups'));
    return success(null);
  },
);
