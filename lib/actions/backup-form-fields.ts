import { z } from 'zod';
import { restoreTargetSchema, type RestoreTarget } from '@/lib/backup/restore-target';
import { BACKUP_TYPES } from '@/lib/backup/types';
import { decimalIdField } from '@/lib/format/typed-text';
import { checkboxField } from '@/lib/setup/wizard-schema';
import { clusterIdField, reasonField } from './operation-form-fields';

/** A repository by its number, as the selects post it. */
export const repositoryField = z.enum(['1', '2', '3', '4'], 'Choose a repository, repo1 to repo4').transform(Number);

/** A repository, or empty for whichever holds the backup (pgBackRest's choice). */
const anyRepositoryField = z.enum(['', '1', '2', '3', '4'], 'Choose a repository, or any').default('').transform((value) => (value === '' ? null : Number(value)));

/** Enable backups; `allowRestart`: the user accepts the restart archive_mode needs (standbys first, the primary last). */
export const enableBackupsFormSchema = z.object({ clusterId: clusterIdField, allowRestart: checkboxField });

/** Back up now: a type and the repository it goes into. */
export const backupFormSchema = z.object({
  clusterId: clusterIdField,
  type: z.enum(BACKUP_TYPES, 'Choose a full, differential or incremental backup'),
  repository: repositoryField,
});

/** A restore drill onto the cluster's drill host, from one repository or any. */
export const restoreDrillFormSchema = z.object({ clusterId: clusterIdField, repository: anyRepositoryField, reason: reasonField });

export const TARGET_KINDS = ['latest', 'time', 'lsn', 'name', 'backup'] as const;
type TargetKind = (typeof TARGET_KINDS)[number];

/** What a target's value must look like, said plainly (the domain's schema checks it). */
const TARGET_VALUE_MESSAGE: Record<Exclude<TargetKind, 'latest'>, string> = {
  time: 'Give the time in ISO 8601 with its offset, such as 2026-12-03T18:01:02Z or 2026-12-03T19:01:02+01:00',
  lsn: 'Give an LSN such as 0/3000060',
  name: 'Give a restore point name: letters, digits and _ . : - only',
  backup: 'Give a backup label such as 20261203-175835F',
};

/** The target a form names, or the message for its value; `latest` needs no value. */
export function restoreTargetOf(kind: TargetKind, value: string): { ok: true; target: RestoreTarget } | { ok: false; message: string } {
  if (kind === 'latest') return { ok: true, target: { kind } };
  const field = { time: 'time', lsn: 'lsn', name: 'name', backup: 'label' }[kind];
  const parsed = restoreTargetSchema.safeParse({ kind, [field]: value });
  return parsed.success ? { ok: true, target: parsed.data } : { ok: false, message: TARGET_VALUE_MESSAGE[kind] };
}

/** Where a restore stops, as the forms post it. */
const targetFormFields = {
  targetKind: z.enum(TARGET_KINDS, 'Choose where the restore stops: the latest WAL, a time, an LSN, a restore point or a backup'),
  targetValue: z.string().trim().max(100, 'Keep the target under 100 characters').default(''),
};

/** The form's target kind and value as one target, or the value's field error. */
function withTarget<T extends { targetKind: TargetKind; targetValue: string }>({ targetKind, targetValue, ...form }: T, ctx: z.RefinementCtx): Omit<T, 'targetKind' | 'targetValue'> & { target: RestoreTarget } {
  const target = restoreTargetOf(targetKind, targetValue);
  if (target.ok) return { ...form, target: target.target };
  ctx.addIssue({ code: 'custom', path: ['targetValue'], message: target.message });
  return z.NEVER;
}

/** A point-in-time restore onto a host that is no member: where it stops, what the server then does, and the host's name typed. */
export const restoreFormSchema = z
  .object({
    clusterId: clusterIdField,
    hostId: decimalIdField('Choose the host to restore onto'),
    ...targetFormFields,
    action: z.enum(['pause', 'promote'], 'Choose whether the restored server pauses or is promoted'),
    repository: anyRepositoryField,
    confirm: z.string().max(100, 'Type the host name to confirm').default(''),
    reason: reasonField,
  })
  .transform(withTarget);

/** The whole cluster replaced from a backup: where it stops, the primary's and the cluster's names typed. */
export const replaceClusterFormSchema = z
  .object({
    clusterId: clusterIdField,
    ...targetFormFields,
    repository: anyRepositoryField,
    confirmHost: z.string().max(100, "Type the primary's name to confirm").default(''),
    confirmCluster: z.string().max(100, "Type the cluster's name to confirm").default(''),
    reason: reasonField,
  })
  .transform(withTarget);
