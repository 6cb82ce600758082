import { z } from 'zod';
import { baseBackupMaxRateMbField } from './wizard-schema';

const id = (message: string) => z.string().regex(/^\d{1,9}$/, message).transform(Number);

/** The cluster page's "Add a replica" form: which cluster, which free host, and a base backup rate limit like the wizard's (empty keeps the cluster's). */
export const addReplicaFormSchema = z.object({
  clusterId: id('Unknown cluster.'),
  hostId: id('Choose a host'),
  baseBackupMaxRateMb: baseBackupMaxRateMbField,
});

export type AddReplicaForm = z.output<typeof addReplicaFormSchema>;
