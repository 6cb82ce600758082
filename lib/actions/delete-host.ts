'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { recordAudit } from '@/lib/db/audit';
import { failure, formFields, postedForm, success, type ActionResult } from './action-result';
import { authorize } from './authorize';

const deleteSchema = z.object({ id: z.string().regex(/^\d{1,9}$/).transform(Number) });

export async function deleteHost(_previous: ActionResult | null, form: unknown): Promise<ActionResult> {
  const actor = await authorize('hosts.write', 'host.delete');
  if (!actor.ok) return actor;
  const posted = postedForm(form);
  if (!posted.ok) return posted;
  const parsed = deleteSchema.safeParse(formFields(posted.data));
  if (!parsed.success) return failure('Unknown host.');
  const prisma = await db();
  const outcome = await prisma.$transaction(async (tx) => {
    const host = await tx.host.findUnique({
      where: { id: parsed.data.id },
      select: { id: true, name: true, memberships: { select: { cluster: { select: { name: true } } } } },
    });
    if (!host) return failure('This host no longer exists.');
    const cluster = host.memberships[0]?.cluster.name;
    if (cluster) return failure(`${host.name} belongs to cluster ${cluster}. Remove it from the cluster before deleting it.`);
    await tx.host.delete({ where: { id: host.id } });
    await recordAudit(
      { actorId: actor.user.id, actorEmail: actor.user.email, action: 'host.delete', summary: `Deleted host ${host.name}`, targetType: 'host', targetId: host.id, targetName: host.name, clientAddress: actor.clientAddress },
      tx,
    );
    return success(null);
  });
  if (outcome.ok) redirect('/hosts');
  return outcome;
}
