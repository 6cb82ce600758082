import { z } from 'zod';
import { hostFactsSchema } from '@/lib/discovery/facts-schema';
import type { DiscoveryProblem, SetupOptions, SetupPrimary, SetupReplica, SetupSnapshot } from './setup-types';

const discoveryProblemSchema: z.ZodType<DiscoveryProblem> = z.object({ code: z.string(), message: z.string(), hint: z.string() });

const hostFields = {
  name: z.string(),
  address: z.string(),
  hostKeyPinned: z.boolean(),
  discoveryProblem: discoveryProblemSchema.nullable(),
  facts: hostFactsSchema.nullable(),
  pgVia: z.enum(['direct', 'ssh-tunnel']).optional(),
};

const primarySchema: z.ZodType<SetupPrimary> = z.object({
  ...hostFields,
  probe: z.object({
    maxWalSenders: z.number(),
    maxReplicationSlots: z.number(),
    walSenderNames: z.array(z.string()),
    slotNames: z.array(z.string()),
    fsync: z.string(),
    fullPageWrites: z.string(),
    synchronousCommit: z.string(),
    replicationRole: z.object({ superuser: z.boolean(), replication: z.boolean(), canLogin: z.boolean() }).nullable(),
  }).nullable(),
});

const replicaSchema: z.ZodType<SetupReplica> = z.object({
  ...hostFields,
  probe: z.object({ pgIsReadyExitCode: z.number().nullable() }).nullable(),
});

export const setupSnapshotSchema: z.ZodType<SetupSnapshot> = z.object({ primary: primarySchema, replicas: z.array(replicaSchema) });

export const setupOptionsSchema: z.ZodType<SetupOptions> = z.object({
  clusterName: z.string(),
  roleName: z.string(),
  passwordMethod: z.enum(['scram-sha-256', 'md5']),
  slots: z.boolean(),
  maxSlotWalKeepSize: z.string(),
  walKeepSize: z.string(),
  mode: z.enum(['async', 'sync']),
  baseBackupMaxRateKb: z.number().nullable(),
  tls: z.boolean(),
  existingData: z.enum(['move-aside', 'delete']),
  setListenAddresses: z.boolean(),
  enableWalLogHints: z.boolean(),
  reuseExistingRole: z.boolean(),
  stamp: z.string(),
  canaryToken: z.string(),
  cloneFromStanza: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/).optional(),
});

/** What a setup operation stores: the snapshot preflight passed on and the DBA's options (no secrets). */
export const setupParamsSchema = z.object({ snapshot: setupSnapshotSchema, options: setupOptionsSchema });
export type SetupParams = z.output<typeof setupParamsSchema>;

/** What an add-replica operation stores: as setup, plus which replica is the new one. */
export const addReplicaParamsSchema = z.object({ snapshot: setupSnapshotSchema, options: setupOptionsSchema, newReplicaName: z.string() });
export type AddReplicaParams = z.output<typeof addReplicaParamsSchema>;
