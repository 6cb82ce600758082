import { z } from 'zod';
import type { ClusterListing, DiskUsage, HostFacts, ManagedClusterFacts, ServiceControl } from './facts';

const clusterListingSchema: z.ZodType<ClusterListing> = z.object({
  version: z.string(),
  name: z.string().nullable(),
  port: z.number().int(),
  running: z.boolean(),
  inRecovery: z.boolean(),
  owner: z.string().nullable(),
  dataDirectory: z.string(),
  logFile: z.string().nullable(),
  binDirectory: z.string().optional(),
});

const diskUsageSchema: z.ZodType<DiskUsage> = z.object({ path: z.string(), totalBytes: z.number(), freeBytes: z.number() });

export const serviceControlSchema: z.ZodType<ServiceControl> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('systemd'), unit: z.string(), binDirectory: z.string().optional() }),
  z.object({ kind: z.literal('pg_ctlcluster'), version: z.string(), name: z.string() }),
  z.object({ kind: z.literal('pg_ctl'), dataDirectory: z.string(), binDirectory: z.string().optional() }),
]);

const managedClusterSchema: z.ZodType<ManagedClusterFacts> = z.object({
  version: z.string(),
  name: z.string().nullable(),
  port: z.number().int(),
  running: z.boolean(),
  inRecovery: z.boolean().nullable(),
  dataDirectory: z.string(),
  configFile: z.string().nullable(),
  hbaFile: z.string().nullable(),
  control: serviceControlSchema,
  serverVersion: z.string().nullable(),
  dataChecksums: z.boolean().nullable(),
  walLogHints: z.boolean().nullable(),
  walLevel: z.string().nullable(),
  listenAddresses: z.string().nullable(),
  ssl: z.boolean().nullable(),
  databaseBytes: z.number().nullable(),
  disk: diskUsageSchema.nullable(),
  parentWritable: z.boolean().nullable().default(null),
});

/** Discovery's facts as stored in `host_discovery.facts`. */
export const hostFactsSchema: z.ZodType<HostFacts> = z.object({
  hostname: z.string(),
  os: z.object({ id: z.string(), versionId: z.string().nullable(), prettyName: z.string(), kernel: z.string() }),
  systemd: z.boolean(),
  installedVersions: z.array(z.string()),
  clusters: z.array(clusterListingSchema),
  cluster: managedClusterSchema.nullable(),
  notes: z.array(z.string()),
});

/**
 * Stored facts decoded; null when there are none, or when they were written by a Tandem
 * whose facts had another shape (then the host needs a fresh Test connection).
 */
export function decodeHostFacts(stored: unknown): HostFacts | null {
  if (stored === null || stored === undefined) return null;
  const parsed = hostFactsSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}
