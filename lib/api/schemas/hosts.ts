import { z } from 'zod';
import type { HostSummary } from '@/lib/db/hosts';
import { iso, isoTime, nullableTime } from './common';

/** A host of the inventory: where it is reached and what it is; never its SSH secret or passphrase. */
export const hostSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  sshAddress: z.string(),
  sshPort: z.number().int(),
  sshUser: z.string(),
  authMethod: z.string().meta({ description: '`key` or `password`' }),
  pgPort: z.number().int(),
  pgVia: z.string().meta({ description: '`direct` or `ssh_tunnel`' }),
  labels: z.array(z.string()),
  notes: z.string(),
  hostKeyFingerprint: z.string().nullable(),
  hostKeyPinnedAt: nullableTime,
  createdAt: isoTime,
  clusters: z.array(z.object({ id: z.number().int(), name: z.string(), role: z.enum(['primary', 'replica']) })),
}).meta({ id: 'Host' });

export const hostListSchema = z.object({ hosts: z.array(hostSchema) }).meta({ id: 'HostList' });

export function hostView(host: HostSummary): z.input<typeof hostSchema> {
  return {
    id: host.id, name: host.name, sshAddress: host.sshAddress, sshPort: host.sshPort, sshUser: host.sshUser, authMethod: host.authMethod, pgPort: host.pgPort, pgVia: host.pgVia,
    labels: host.labels, notes: host.notes, hostKeyFingerprint: host.hostKeyFingerprint, hostKeyPinnedAt: iso(host.hostKeyPinnedAt), createdAt: host.createdAt.toISOString(),
    clusters: host.memberships.map((membership) => ({ id: membership.cluster.id, name: membership.cluster.name, role: membership.role })),
  };
}
