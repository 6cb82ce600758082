/**
 * Inventory for the scale bench: copies of one real monitored lab cluster (1 primary + 2
 * replicas), each a Cluster with its own three Host rows at the same addresses, keys (sealed again
 * for each row), facts and monitoring secret, so the poller treats every copy as a separate cluster of 3 targets.
 */
import { db } from '@/lib/db/client';
import { loadHostTarget, storeHostSecret } from '@/lib/db/hosts';

/** Adds copies numbered from..to-1 of `clusterId`. */
export async function addClusterCopies(clusterId: number, from: number, to: number): Promise<void> {
  const prisma = await db();
  const source = await prisma.cluster.findUniqueOrThrow({
    where: { id: clusterId },
    select: {
      status: true, pgMajor: true, replicationRole: true, replicationSecret: true, settings: true, monitorRole: true, monitorSecret: true,
      members: { select: { role: true, applicationName: true, slotName: true, host: { select: { id: true, name: true, sshAddress: true, sshPort: true, sshUser: true, authMethod: true, pgPort: true, hostKeyFingerprint: true, hostKeyType: true, hostKeyPinnedAt: true, discovery: { select: { checkedAt: true, durationMs: true, ok: true, facts: true, factsAt: true } } } } } },
    },
  });
  for (let copy = from; copy < to; copy += 1) {
    const { members, settings, ...cluster } = source;
    const created = await prisma.cluster.create({ data: { ...cluster, settings: settings ?? {}, name: `scale-${copy}`, pollIntervalMs: 1000, heartbeat: true }, select: { id: true } });
    for (const member of members) {
      const { discovery, name, id, ...host } = member.host;
      const hostRow = await prisma.host.create({ data: { ...host, name: `scale-${copy}-${name}`, sshSecret: '' }, select: { id: true } });
      const original = await loadHostTarget(id);
      if (!original) throw new Error(`host ${name} vanished`);
      const { auth } = original.target;
      await storeHostSecret(hostRow.id, auth.kind === 'key' ? auth.privateKey : auth.password, auth.kind === 'key' ? (auth.passphrase ?? null) : null);
      if (discovery) await prisma.hostDiscovery.create({ data: { ...discovery, facts: discovery.facts ?? undefined, hostId: hostRow.id } });
      await prisma.clusterMember.create({ data: { clusterId: created.id, hostId: hostRow.id, role: member.role, applicationName: member.applicationName, slotName: member.slotName } });
    }
  }
}

/** Bytes of the monitoring tables (raw samples, slot samples, rollups) with their indexes. */
export async function monitoringBytes(): Promise<number> {
  const rows = await (await db()).$queryRawUnsafe<{ bytes: bigint | number }[]>(
    "SELECT (pg_total_relation_size('lag_samples') + pg_total_relation_size('slot_samples') + pg_total_relation_size('lag_rollups'))::bigint AS bytes",
  );
  return Number(rows[0]?.bytes ?? 0);
}

/** Row counts of the monitoring tables. */
export async function monitoringRows(): Promise<number> {
  const rows = await (await db()).$queryRawUnsafe<{ rows: bigint | number }[]>(
    'SELECT ((SELECT count(*) FROM lag_samples) + (SELECT count(*) FROM slot_samples) + (SELECT count(*) FROM lag_rollups))::bigint AS rows',
  );
  return Number(rows[0]?.rows ?? 0);
}
