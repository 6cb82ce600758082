import { z } from 'zod';
import { clusterNameField } from './wizard-schema';

const id = z.string().regex(/^\d{1,9}$/, 'Choose a host').transform(Number);

/** Clusters → Import existing: a name for the cluster and the hosts that already form it. */
export const importFormSchema = z.object({
  clusterName: clusterNameField,
  hostIds: z.array(id).min(2, 'Choose the primary and at least one replica').max(11, 'At most 11 hosts at once')
    .refine((ids) => new Set(ids).size === ids.length, 'A host is listed twice'),
});

export type ImportForm = z.output<typeof importFormSchema>;

/** Form data to the schema's input shape: `hostIds` is the one repeated field. */
export function importFormInput(form: FormData): Record<string, unknown> {
  const name = form.get('clusterName');
  return { clusterName: typeof name === 'string' ? name : '', hostIds: form.getAll('hostIds').filter((value) => typeof value === 'string') };
}
