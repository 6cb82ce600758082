import 'server-only';
import { randomBytes } from 'node:crypto';
import { toStoredJson } from '@/lib/db/json';
import { recordAudit, type AuditInput } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { seal } from '@/lib/db/secrets';
import { majorVersion, replicaNames } from '@/lib/replication/names';
import { generateReplicationPassword } from '@/lib/replication/password';
import type { SetupOptions } from '@/lib/replication/setup-types';
import type { SetupForm } from './wizard-schema';

/**
 * Records the cluster being set up with its members, a freshly generated replication
 * password (sealed) and the chosen options, plus the audit event, in one transaction.
 * The cluster stays `setting_up` until the setup operation's last step marks it active.
 */
export async function createClusterRecord(form: SetupForm, options: SetupOptions, primaryVersion: string | undefined, actor: Pick<AuditInput, 'actorId' | 'actorEmail' | 'clientAddress'>): Promise<number> {
  const prisma = await db();
  const replicationSecret = await seal('cluster.replicationSecret', generateReplicationPassword(randomBytes));
  const hosts = await prisma.host.findMany({ where: { id: { in: [form.primaryId, ...form.replicaIds] } }, select: { id: true, name: true } });
  const nameOf = (id: number) => hosts.find((host) => host.id === id)?.name ?? String(id);
  return prisma.$transaction(async (tx) => {
    const cluster = await tx.cluster.create({
      data: {
        name: form.clusterName,
        status: 'setting_up',
        pgMajor: primaryVersion ? majorVersion(primaryVersion) : null,
        replicationRole: options.roleName,
        replicationSecret,
        settings: toStoredJson(options),
        members: {
          create: [
            { hostId: form.primaryId, role: 'primary', applicationName: replicaNames(nameOf(form.primaryId)).applicationName },
            ...form.replicaIds.map((id) => ({ hostId: id, role: 'replica' as const, ...replicaNames(nameOf(id)), slotName: options.slots ? replicaNames(nameOf(id)).slotName : null })),
          ],
        },
      },
      select: { id: true },
    });
    await recordAudit(
      { ...actor, action: 'cluster.create', summary: `Created cluster ${form.clusterName}: primary ${nameOf(form.primaryId)}, replicas ${form.replicaIds.map(nameOf).join(', ')}`, targetType: 'cluster', targetId: cluster.id, targetName: form.clusterName },
      tx,
    );
    return cluster.id;
  });
}

/** Undoes {@link createClusterRecord} when the setup operation could not be started. */
export async function discardClusterRecord(clusterId: number): Promise<void> {
  await (await db()).cluster.delete({ where: { id: clusterId } });
}
