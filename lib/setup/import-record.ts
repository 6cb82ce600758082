import 'server-only';
import { toStoredJson } from '@/lib/db/json';
import { recordAudit, type AuditInput } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import type { ImportShape } from './import-decide';

/**
 * Records an imported cluster as found (active, no replication password: Tandem never
 * learnt it) with its members, and the audit event, in one transaction. Touches only
 * Tandem's database. Before: {@link decideImport} accepted the hosts just now.
 */
export async function createImportedCluster(clusterName: string, shape: ImportShape, actor: Pick<AuditInput, 'actorId' | 'actorEmail' | 'clientAddress'>): Promise<number> {
  const prisma = await db();
  const primary = shape.members.find((member) => member.role === 'primary');
  const replicas = shape.members.filter((member) => member.role === 'replica');
  return prisma.$transaction(async (tx) => {
    const cluster = await tx.cluster.create({
      data: {
        name: clusterName,
        status: 'active',
        pgMajor: shape.pgMajor,
        replicationRole: shape.replicationRole,
        replicationSecret: null,
        settings: toStoredJson(shape.settings),
        members: { create: shape.members.map((member) => ({ hostId: member.hostId, role: member.role, applicationName: member.applicationName, slotName: member.slotName })) },
      },
      select: { id: true },
    });
    await recordAudit({
      ...actor,
      action: 'cluster.import',
      summary: `Imported cluster ${clusterName} as found: primary ${primary?.name ?? '?'}, replicas ${replicas.map((member) => member.name).join(', ')} (PostgreSQL ${shape.pgMajor}, role ${shape.replicationRole}, ${shape.settings.mode}, ${shape.settings.slots ? 'slots' : 'no slots'}); nothing was changed on the hosts`,
      targetType: 'cluster', targetId: cluster.id, targetName: clusterName,
      details: { members: shape.members.map((member) => ({ host: member.name, role: member.role, applicationName: member.applicationName, slotName: member.slotName })), notes: [...shape.notes] },
    }, tx);
    return cluster.id;
  });
}
