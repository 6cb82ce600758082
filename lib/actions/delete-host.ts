'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { recordAudit } from '@/lib/db/audit';
import { failure, success } from './action-result';
import { auditedBy, defineAction } from './define-action';

const deleteSchema = z.object({ id: z.string().regex(/^\d{1,9}$/).transform(Number) });

export const deleteHost = defineAction({ permission: 'hosts.write', audit: 'host.delete', schema: deleteSchema, invalidMessage: 'Unknown host.' }, async ({ id }, actor) => {
  const prisma = await db();
  const outcome = await prisma.$transaction(async (tx) => {
    const host = await tx.host.findUnique({
      where: { id },
      select: { id: true, name: true, memberships: { select: { cluster: { select: { name: true } } } } },
    });
    if (!host) return failure('This host no longer exists.');
    const cluster = host.memberships[0]?.cluster.name;
    if (cluster) return failure(`${host.name} belongs to cluster ${cluster}. Remove it from the cluster before deleting it.`);
    await tx.host.delete({ where: { id: host.id } });
    await recordAudit({ ...auditedBy(actor), action: 'host.delete', summary: `Deleted host ${host.name}`, targetType: 'host', targetId: host.id, targetName: host.name }, tx);
    return success(null);
  });
  if (outcome.ok) redirect('/hosts');
  return outcome;
});
