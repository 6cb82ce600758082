/**
 * Demo data for the lag views without a poller: a cluster "lag-demo" with two replicas, a day
 * of samples (every 5 s) with their minute rollups, slot readings and an operation; with
 * `--live`, keeps writing one sample per replica per second (load comes and goes; idle in
 * between) so the chart's event stream has rows to tail. Uses the app database of the
 * environment; PGlite allows one process at a time, so run it against PostgreSQL while the app
 * runs: bash scripts/with-postgres.sh sh -c 'node --conditions=react-server --import tsx scripts/seed-lag-demo.ts --live & NEXT_TELEMETRY_DISABLED=1 npx next start'
 */
import { db } from '@/lib/db/client';
import { rollupMinutes } from '@/lib/db/monitor-maintenance';
import { storeHostSecret } from '@/lib/db/hosts';
import { seedCluster, seedRawSamples } from '@/lib/testing/lag-seed';

const prisma = await db();
const now = Date.now();
const { clusterId, primaryId, replicaIds } = await seedCluster(prisma, 'lag-demo', 2);
await prisma.host.updateMany({ where: { id: { in: [primaryId, ...replicaIds] } }, data: { sshAddress: '127.0.0.9' } });
for (const id of [primaryId, ...replicaIds]) await storeHostSecret(id, 'not a key: demo hosts are not reachable');
await seedRawSamples(prisma, { clusterId, hostIds: replicaIds, from: new Date(now - 86_400_000), to: new Date(now - 3 * 60_000), intervalSeconds: 5 });
await seedRawSamples(prisma, { clusterId, hostIds: replicaIds, from: new Date(now - 3 * 60_000), to: new Date(now), intervalSeconds: 1 });
await prisma.lagSample.deleteMany({ where: { clusterId, hostId: replicaIds[1]!, at: { gte: new Date(now - 40 * 60_000), lt: new Date(now - 32 * 60_000) } } });
await rollupMinutes(new Date(now - 86_400_000), new Date(Math.floor(now / 60_000) * 60_000 - 60_000), prisma);
await prisma.operation.create({ data: { clusterId, kind: 'add_replica', status: 'succeeded', requestedBy: 'demo', createdAt: new Date(now - 50 * 60_000), startedAt: new Date(now - 50 * 60_000), finishedAt: new Date(now - 46 * 60_000) } });
for (let minute = 60; minute >= 0; minute -= 1) {
  const at = new Date(now - minute * 60_000);
  await prisma.slotSample.createMany({
    data: replicaIds.map((hostId, index) => ({ clusterId, at, slotName: `lag_demo_pg${index + 2}`, active: true, retainedBytes: BigInt(20_000_000 + (60 - minute) * 900_000 * (index + 1) + hostId), walStatus: 'reserved', diskFreeBytes: 2_000_000_000n })),
  });
}
console.log(`seeded cluster ${clusterId} (lag-demo)`);

if (process.argv.includes('--live')) {
  setInterval(() => {
    const at = new Date();
    const second = Math.floor(at.getTime() / 1000);
    const busy = second % 120 < 80;
    prisma.lagSample.createMany({
      data: replicaIds.map((hostId, index) => ({
        clusterId, hostId, at, status: busy && index === 1 ? 'catching up' : 'streaming', state: 'streaming',
        writeBytes: busy ? BigInt(200_000 * (index + 1)) : 0n, flushBytes: busy ? BigInt(400_000 * (index + 1)) : 0n, replayBytes: busy ? BigInt(((second % 40) + 1) * 300_000 * (index + 1)) : 0n,
        writeLagMs: busy ? 3 : null, flushLagMs: busy ? 6 : null, replayLagMs: busy ? ((second % 40) + 1) * 40 * (index + 1) : null, replyAgeMs: 200,
      })),
    }).catch((error: unknown) => console.error(error));
  }, 1000);
}
