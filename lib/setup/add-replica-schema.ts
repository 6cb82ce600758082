import { z } from 'zod';

const id = (message: string) => z.string().regex(/^\d{1,9}$/, message).transform(Number);

/** The cluster page's "Add a replica" form: which cluster, which free host. */
export const addReplicaFormSchema = z.object({
  clusterId: id('Unknown cluster.'),
  hostId: id('Choose a host'),
});

export type AddReplicaForm = z.output<typeof addReplicaFormSchema>;
