import type { PrismaClient } from '@/generated/prisma/client';

/**
 * Test and bench data for the lag views, written straight to the app database (no poller):
 * a cluster with a primary and replicas, raw samples generated in SQL, minute rollups are built
 * from them by the poller's own `rollupMinutes`.
 */
export async function seedCluster(prisma: PrismaClient, name: string, replicaCount: number, pollIntervalMs = 1000): Promise<{ clusterId: number; primaryId: number; replicaIds: number[] }> {
  const cluster = await prisma.cluster.create({ data: { name, status: 'active', monitorRole: 'tandem_monitor', pollIntervalMs }, select: { id: true } });
  const hostIds: number[] = [];
  for (let index = 0; index <= replicaCount; index += 1) {
    const host = await prisma.host.create({
      data: { name: `${name}-pg${index + 1}`, sshAddress: `10.88.0.${11 + index}`, authMethod: 'key', sshSecret: 'sealed' },
      select: { id: true },
    });
    await prisma.clusterMember.create({ data: { clusterId: cluster.id, hostId: host.id, role: index === 0 ? 'primary' : 'replica', applicationName: `${name}_pg${index + 1}` } });
    hostIds.push(host.id);
  }
  return { clusterId: cluster.id, primaryId: hostIds[0]!, replicaIds: hostIds.slice(1) };
}

/**
 * Raw samples every `intervalSeconds` in [from, to) for each host. In minutes 0-4 of every 20
 * the replica is idle (0 bytes, NULL time lag); otherwise replay lag is `(second % 100) kB × host`
 * and time lag `40 ms × host`; the heartbeat lag is `40 ms × host + 5` throughout (idle or not).
 */
export async function seedRawSamples(prisma: PrismaClient, input: { clusterId: number; hostIds: readonly number[]; from: Date; to: Date; intervalSeconds: number }): Promise<number> {
  let total = 0;
  for (const hostId of input.hostIds) {
    total += await prisma.$executeRaw`
INSERT INTO lag_samples ("clusterId", "hostId", "at", "status", "state", "sentBytes", "writeBytes", "flushBytes", "replayBytes", "writeLagMs", "flushLagMs", "replayLagMs", "replyAgeMs", "heartbeatLagMs")
SELECT ${input.clusterId}, ${hostId}, t, 'streaming', 'streaming', 0,
  CASE WHEN idle THEN 0 ELSE b / 4 END, CASE WHEN idle THEN 0 ELSE b / 2 END, CASE WHEN idle THEN 0 ELSE b END,
  CASE WHEN idle THEN NULL ELSE 10 * ${hostId} END, CASE WHEN idle THEN NULL ELSE 20 * ${hostId} END, CASE WHEN idle THEN NULL ELSE 40 * ${hostId} END, 300, 40 * ${hostId} + 5
FROM generate_series(${input.from}::timestamptz, ${input.to}::timestamptz - interval '1 millisecond', make_interval(secs => ${input.intervalSeconds})) AS t,
  LATERAL (SELECT extract(minute FROM t)::int % 20 < 5 AS idle, ((extract(epoch FROM t)::bigint % 100) * 1000 * ${hostId})::bigint AS b) AS v`;
  }
  return total;
}
