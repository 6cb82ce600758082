import 'server-only';
import { randomBytes } from 'node:crypto';
import { decodeHostFacts } from '@/lib/discovery/facts-schema';
import type { ManagedPgTarget } from '@/lib/pg/managed-client';
import { MONITOR_ROLE } from '@/lib/replication/plan-monitoring';
import { generateReplicationPassword } from '@/lib/replication/password';
import { authorityCertificate } from './certificates';
import { db } from './client';
import { loadHostTarget } from './hosts';
import { seal, unseal } from './secrets';

/** One member as the poller and the monitoring steps see it, with what is needed to reach it. */
export interface MonitoredMember {
  readonly hostId: number;
  readonly name: string;
  readonly role: 'primary' | 'replica';
  readonly applicationName: string;
  readonly address: string;
  readonly pgVia: 'direct' | 'ssh-tunnel';
  readonly hbaFile: string | null;
  readonly dataDirectory: string | null;
  /** The host's PostgreSQL as the monitoring role, timeouts left to the caller. */
  readonly target: ManagedPgTarget;
}

export interface MonitoredCluster {
  readonly id: number;
  readonly name: string;
  readonly pollIntervalMs: number;
  readonly heartbeat: boolean;
  readonly members: readonly MonitoredMember[];
}

/**
 * The monitoring password of a cluster, generated and stored sealed the first time it is
 * asked for, so setup, a resumed setup and enable-monitoring all use one password.
 */
export async function ensureMonitorSecret(clusterId: number): Promise<string> {
  const prisma = await db();
  const cluster = await prisma.cluster.findUnique({ where: { id: clusterId }, select: { monitorSecret: true } });
  if (!cluster) throw new Error('This cluster no longer exists.');
  if (cluster.monitorSecret) return unseal('cluster.monitorSecret', cluster.monitorSecret);
  const password = generateReplicationPassword(randomBytes);
  const sealed = await seal('cluster.monitorSecret', password);
  const updated = await prisma.cluster.updateMany({ where: { id: clusterId, monitorSecret: null }, data: { monitorSecret: sealed } });
  if (updated.count === 1) return password;
  return ensureMonitorSecret(clusterId);
}

/** Records that the monitoring role works on the cluster: from now on the poller polls it. */
export async function markMonitoringEnabled(clusterId: number): Promise<void> {
  await (await db()).cluster.update({ where: { id: clusterId }, data: { monitorRole: MONITOR_ROLE }, select: { id: true } });
}

export async function monitoringEnabled(clusterId: number): Promise<boolean> {
  return (await (await db()).cluster.findUnique({ where: { id: clusterId }, select: { monitorRole: true } }))?.monitorRole === MONITOR_ROLE;
}

const memberSelect = {
  role: true,
  applicationName: true,
  host: { select: { id: true, name: true, sshAddress: true, pgPort: true, pgVia: true, discovery: { select: { facts: true } } } },
} as const;

/**
 * Every member of a cluster with its pg target as `role`/`password` (primary first). A
 * member holding a certificate Tandem issued for this cluster is reached over TLS and
 * verified against Tandem's CA by its address (verify-full), with SCRAM channel binding.
 */
export async function loadMonitoredMembers(clusterId: number, password: string): Promise<MonitoredMember[]> {
  const prisma = await db();
  const rows = await prisma.clusterMember.findMany({ where: { clusterId }, select: memberSelect, orderBy: [{ role: 'asc' }, { hostId: 'asc' }] });
  const certified = new Set((await prisma.memberCertificate.findMany({ where: { clusterId }, select: { hostId: true } })).map((row) => row.hostId));
  const authorityPem = certified.size > 0 ? await authorityCertificate() : null;
  const members: MonitoredMember[] = [];
  for (const row of rows) {
    const facts = decodeHostFacts(row.host.discovery?.facts);
    const viaTunnel = row.host.pgVia === 'ssh_tunnel';
    const ssh = viaTunnel ? (await loadHostTarget(row.host.id))?.target : undefined;
    members.push({
      hostId: row.host.id,
      name: row.host.name,
      role: row.role,
      applicationName: row.applicationName,
      address: row.host.sshAddress,
      pgVia: viaTunnel ? 'ssh-tunnel' : 'direct',
      hbaFile: facts?.cluster?.hbaFile ?? null,
      dataDirectory: facts?.cluster?.dataDirectory ?? null,
      target: {
        host: viaTunnel ? '127.0.0.1' : row.host.sshAddress,
        port: row.host.pgPort,
        database: 'postgres',
        user: MONITOR_ROLE,
        password,
        via: viaTunnel ? 'ssh-tunnel' : 'direct',
        ...(ssh ? { ssh } : {}),
        ...(authorityPem && certified.has(row.host.id) ? { tls: { authorityPem, serverName: row.host.sshAddress } } : {}),
      },
    });
  }
  return members.sort((a, b) => (a.role === b.role ? a.name.localeCompare(b.name) : a.role === 'primary' ? -1 : 1));
}

/** Clusters the poller watches: monitoring enabled and a stored password. Secrets are decrypted for the pg layer only. */
export async function listMonitoredClusters(): Promise<MonitoredCluster[]> {
  const rows = await (await db()).cluster.findMany({
    where: { monitorRole: { not: null }, monitorSecret: { not: null } },
    select: { id: true, name: true, pollIntervalMs: true, heartbeat: true, monitorRole: true, monitorSecret: true },
    orderBy: { id: 'asc' },
  });
  const clusters: MonitoredCluster[] = [];
  for (const row of rows) {
    if (!row.monitorSecret) continue;
    const password = await unseal('cluster.monitorSecret', row.monitorSecret);
    const members = await loadMonitoredMembers(row.id, password);
    clusters.push({ id: row.id, name: row.name, pollIntervalMs: row.pollIntervalMs, heartbeat: row.heartbeat, members });
  }
  return clusters;
}
