import { z } from 'zod';
import { COMPRESS_TYPES } from '@/lib/backup/types';
import type { BackupPlanInput } from '@/lib/db/backups';
import { isTypedText, TYPED_TEXT_MESSAGE } from '@/lib/format/typed-text';
import { checkboxField } from '@/lib/setup/wizard-schema';
import { formFields } from './action-result';
import { REPOSITORY_FIELDS, repositoryRowSchema, type RepositoryField, type RepositoryForm } from './backup-repository-fields';
import { clusterIdField } from './operation-form-fields';

/** The settings form, checked: the plan and its repositories (secrets as typed; null keeps what is stored). */
export interface BackupSettingsForm extends Omit<BackupPlanInput, 'repositories'> {
  readonly clusterId: number;
  readonly repositories: readonly RepositoryForm[];
}

const wholeNumber = (low: number, high: number, message: string) => z.string(message).trim().regex(/^\d{1,5}$/, message).transform(Number).refine((value) => value >= low && value <= high, message);
const hoursField = wholeNumber(0, 8760, 'Give 0 (off) to 8760 hours');
const repositoryList = z.array(z.string().max(65_536, 'Keep each field under 64 kB')).max(4, 'A cluster has at most four repositories');

/** Form data to the schema's input: each repository field is repeated, once per repository. */
export function backupSettingsInput(form: FormData): Record<string, unknown> {
  const input: Record<string, unknown> = formFields(form);
  for (const field of REPOSITORY_FIELDS) input[field] = form.getAll(field).filter((value) => typeof value === 'string');
  return input;
}

/** The repositories the lists describe, or their problems keyed `field.index` (the form shows each under its repository). */
function repositoryRows(lists: Record<RepositoryField, string[]>, ctx: z.RefinementCtx): RepositoryForm[] {
  const count = lists.repoNumber.length;
  if (count === 0) ctx.addIssue({ code: 'custom', path: ['repositories'], message: 'Add a repository' });
  if (REPOSITORY_FIELDS.some((field) => lists[field].length !== count)) {
    ctx.addIssue({ code: 'custom', path: ['repositories'], message: 'The repositories\' fields do not line up: reload the page and try again' });
    return [];
  }
  const rows: RepositoryForm[] = [];
  for (let index = 0; index < count; index += 1) {
    const parsed = repositoryRowSchema.safeParse(Object.fromEntries(REPOSITORY_FIELDS.map((field) => [field, lists[field][index]])));
    if (parsed.success) rows.push(parsed.data);
    else for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: [`${String(issue.path[0] ?? 'repoKind')}.${index}`], message: issue.message });
  }
  rows.forEach((row, index) => {
    if (rows.findIndex((other) => other.number === row.number) !== index) ctx.addIssue({ code: 'custom', path: [`repoNumber.${index}`], message: `repo${row.number} is listed twice` });
  });
  if (rows.filter((row) => row.kind === 'host').length > 1) ctx.addIssue({ code: 'custom', path: ['repositories'], message: 'Use at most one repository host: backups run on it' });
  return rows;
}

/** The Backups settings form: repositories (1–4, at most one repository host), compression, schedule, drills. */
export const backupSettingsSchema = z
  .object({
    clusterId: clusterIdField,
    ...(Object.fromEntries(REPOSITORY_FIELDS.map((field) => [field, repositoryList])) as Record<RepositoryField, typeof repositoryList>),
    compressType: z.enum(COMPRESS_TYPES, 'Choose zst, lz4, gz, bz2 or none'),
    processMax: wholeNumber(1, 16, 'Use 1 to 16 processes'),
    backupStandby: checkboxField,
    fullEveryHours: hoursField,
    diffEveryHours: hoursField,
    incrEveryHours: hoursField,
    scheduleOn: checkboxField,
    drillHostId: z.string().trim().regex(/^(\d{1,9})?$/, 'Choose the drill host, or none').default('').transform((value) => (value === '' ? null : Number(value))),
    drillEveryDays: wholeNumber(0, 365, 'Give 0 (on demand) to 365 days'),
    smokeTestSql: z.string().max(2000, 'Keep the smoke test under 2000 characters').refine(isTypedText, TYPED_TEXT_MESSAGE).default(''),
  })
  .transform((form, ctx): BackupSettingsForm => {
    const repositories = repositoryRows(form, ctx);
    if (form.backupStandby && !repositories.some((row) => row.kind === 'host')) {
      ctx.addIssue({ code: 'custom', path: ['backupStandby'], message: 'Backing up from a standby needs a repository host' });
    }
    return {
      clusterId: form.clusterId, repositories, compressType: form.compressType, processMax: form.processMax, backupStandby: form.backupStandby,
      fullEveryHours: form.fullEveryHours, diffEveryHours: form.diffEveryHours, incrEveryHours: form.incrEveryHours, scheduleOn: form.scheduleOn,
      drillHostId: form.drillHostId, drillEveryDays: form.drillEveryDays, smokeTestSql: form.smokeTestSql,
    };
  });
