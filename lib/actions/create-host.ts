'use server';

import { revalidatePath } from 'next/cache';
import { db } from '@/lib/db/client';
import { recordAudit } from '@/lib/db/audit';
import { insertHost } from '@/lib/db/hosts';
import { createHostSchema } from '@/lib/inventory/host-schema';
import { failure, formFields, invalid, postedForm, success, type ActionResult } from './action-result';
import { authorize } from './authorize';
import { privateKeyErrors } from './host-secrets-check';

export async function createHost(_previous: ActionResult<{ id: number }> | null, form: unknown): Promise<ActionResult<{ id: number }>> {
  const actor = await authorize('hosts.write', 'host.create');
  if (!actor.ok) return actor;
  const posted = postedForm(form);
  if (!posted.ok) return posted;
  const parsed = createHostSchema.safeParse(formFields(posted.data));
  if (!parsed.success) return invalid(parsed.error);
  const keyErrors = privateKeyErrors(parsed.data);
  if (keyErrors) return failure('Some fields need attention.', keyErrors);
  const prisma = await db();
  if (await prisma.host.count({ where: { name: parsed.data.name } })) {
    return failure('Some fields need attention.', { name: ['Another host has this name'] });
  }
  const host = await prisma.$transaction(async (tx) => {
    const created = await insertHost(parsed.data, tx);
    await recordAudit(
      {
        actorId: actor.user.id,
        actorEmail: actor.user.email,
        action: 'host.create',
        summary: `Added host ${created.name} (${parsed.data.sshUser}@${parsed.data.sshAddress}:${parsed.data.sshPort}, ${parsed.data.authMethod} authentication)`,
        targetType: 'host',
        targetId: created.id,
        targetName: created.name,
        clientAddress: actor.clientAddress,
      },
      tx,
    );
    return created;
  });
  revalidatePath('/hosts');
  return success({ id: host.id });
}
