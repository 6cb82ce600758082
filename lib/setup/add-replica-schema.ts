import { z } from 'zod';
import { baseBackupMaxRateMbField } from './wizard-schema';

const id = (message: string) => z.string().regex(/^\d{1,9}$/, message).transform(Number);

/** The cluster page's "Add a replica" form: which cluster, which free host, a base backup rate limit like the wizard's (empty keeps the cluster's), and where the copy comes from. */
export const addReplicaFormSchema = z.object({
  clusterId: id('Unknown cluster.'),
  hostId: id('Choose a host'),
  baseBackupMaxRateMb: baseBackupMaxRateMbField,
  /** Where the copy comes from: the primary (pg_basebackup) or the cluster's latest pgBackRest backup. */
  source: z.enum(['primary', 'backup'], { message: 'Choose the primary or the latest backup' }).default('primary'),
});

export type AddReplicaForm = z.output<typeof addReplicaFormSchema>;
