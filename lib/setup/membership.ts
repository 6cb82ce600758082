import 'server-only';
import { db } from '@/lib/db/client';

/**
 * Why these hosts cannot form a cluster of this name: the name is taken, or a host is
 * already a member elsewhere. Checked before any host is contacted.
 */
export async function membershipConflict(clusterName: string, hostIds: number[]): Promise<{ field?: string; message: string } | null> {
  const prisma = await db();
  if (await prisma.cluster.count({ where: { name: clusterName } })) return { field: 'clusterName', message: 'Another cluster has this name' };
  const taken = await prisma.clusterMember.findFirst({
    where: { hostId: { in: hostIds } },
    select: { host: { select: { name: true } }, cluster: { select: { name: true } } },
  });
  return taken ? { message: `${taken.host.name} already belongs to cluster ${taken.cluster.name}.` } : null;
}
