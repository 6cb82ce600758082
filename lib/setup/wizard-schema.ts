import { z } from 'zod';
import { isClusterName } from '@/lib/replication/names';

const id = z.string().regex(/^\d{1,9}$/, 'Choose a host').transform(Number);
/** A checkbox posts `on` when ticked and nothing when not; any other value is not one the page sends. */
export const checkboxField = z
  .enum(['on'], 'A checkbox is either ticked or not')
  .optional()
  .transform((value) => value === 'on');

/** A new cluster's name, in the shape the domain requires (it marks pg_hba lines and passfiles), checked before it is looked up. */
export const clusterNameField = z.string().trim().refine(isClusterName, 'Use 1–40 lower-case letters, digits, _ or -, starting with a letter or digit');

/** Base backup rate limit as the wizard and "Add a replica" take it: whole MiB/s, empty for none. */
export const baseBackupMaxRateMbField = z
  .string()
  .trim()
  .regex(/^(\d{1,4})?$/, 'Whole MiB per second, or empty for no limit')
  .default('')
  .transform((value) => (value === '' ? null : Number(value)));

/** The rate field in pg_basebackup's unit: `--max-rate` takes kB/s, and PostgreSQL's kB is 1024 bytes. */
export function maxRateKb(rateMb: number | null): number | null {
  return rateMb === null ? null : rateMb * 1024;
}

/**
 * The setup wizard's form, shared by the page and the actions. Names and sizes are
 * checked again, strictly, by the domain's validation before anything runs.
 */
export const setupFormSchema = z
  .object({
    clusterName: clusterNameField,
    primaryId: id,
    replicaIds: z.array(id).min(1, 'Choose at least one replica').max(10, 'At most 10 replicas at once'),
    roleName: z.string().trim().min(1, 'Enter the replication role name').max(63, 'Use at most 63 characters'),
    passwordMethod: z.enum(['scram-sha-256', 'md5'], { error: 'Choose scram-sha-256 or md5' }),
    slots: checkboxField,
    maxSlotWalKeepSize: z.string().trim().max(16, 'e.g. 10GB'),
    baseBackupMaxRateMb: baseBackupMaxRateMbField,
    mode: z.enum(['async', 'sync'], { error: 'Choose asynchronous or synchronous' }),
    tls: checkboxField,
    existingData: z.enum(['move-aside', 'delete'], { error: 'Choose what happens to existing data' }),
    setListenAddresses: checkboxField,
    enableWalLogHints: checkboxField,
    /** Offered only once preflight found the role name taken by a superuser or a role without REPLICATION. */
    reuseExistingRole: checkboxField,
  })
  .refine((form) => !form.replicaIds.includes(form.primaryId), { path: ['replicaIds'], message: 'The primary cannot also be a replica' })
  .refine((form) => new Set(form.replicaIds).size === form.replicaIds.length, { path: ['replicaIds'], message: 'A replica is listed twice' });

export type SetupForm = z.output<typeof setupFormSchema>;

/** Form data to the schema's input shape: `replicaIds` is the one repeated field. */
export function setupFormInput(form: FormData): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const replicaIds: string[] = [];
  for (const [key, value] of form.entries()) {
    if (typeof value !== 'string' || key.startsWith('$ACTION')) continue;
    if (key === 'replicaIds') replicaIds.push(value);
    else input[key] = value;
  }
  return { ...input, replicaIds };
}
