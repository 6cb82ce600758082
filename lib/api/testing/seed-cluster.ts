import { db } from '@/lib/db/client';
import { storeHostSecret } from '@/lib/db/hosts';
import { closedPort } from '@/lib/testing/closed-port';

/**
 * The API tests' cluster `main` (PostgreSQL 17): pg1 primary and pg2 replica, both at a
 * closed port with a stored secret that must never be sent, and one open critical alert on
 * pg2. Import after DATABASE_URL is set. Returns the cluster's and the alert's ids.
 */
export async function seedApiCluster(): Promise<{ clusterId: number; alertId: number }> {
  const prisma = await db();
  const port = await closedPort();
  const clusterId = (await prisma.cluster.create({ data: { name: 'main', status: 'active', pgMajor: 17 }, select: { id: true } })).id;
  for (const [name, role] of [['pg1', 'primary'], ['pg2', 'replica']] as const) {
    const host = await prisma.host.create({ data: { name, sshAddress: '127.0.0.1', sshPort: port, authMethod: 'password', sshSecret: '' }, select: { id: true } });
    await storeHostSecret(host.id, 'host-secret-never-sent');
    await prisma.clusterMember.create({ data: { clusterId, hostId: host.id, role, applicationName: name } });
  }
  const alertId = (await prisma.alertEvent.create({ data: { clusterId, key: 'replica_down:pg2', metric: 'replica_down', severity: 'critical', subject: 'pg2', summary: 'pg2 is down' }, select: { id: true } })).id;
  return { clusterId, alertId };
}
