import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { db } from './client';

const memberSelect = {
  id: true,
  role: true,
  applicationName: true,
  slotName: true,
  fenced: true,
  fenceReason: true,
  host: { select: { id: true, name: true, sshAddress: true, pgPort: true } },
} satisfies Prisma.ClusterMemberSelect;

const clusterSelect = {
  id: true,
  name: true,
  status: true,
  pgMajor: true,
  replicationRole: true,
  createdAt: true,
  members: { select: memberSelect, orderBy: [{ role: 'asc' }, { applicationName: 'asc' }] },
} satisfies Prisma.ClusterSelect;

export type ClusterSummary = Prisma.ClusterGetPayload<{ select: typeof clusterSelect }>;

export async function listClusters(): Promise<ClusterSummary[]> {
  return (await db()).cluster.findMany({ select: clusterSelect, orderBy: { name: 'asc' } });
}

export async function findCluster(id: number): Promise<ClusterSummary | null> {
  return (await db()).cluster.findUnique({ where: { id }, select: clusterSelect });
}
