'use server';

import { revalidatePath } from 'next/cache';
import { db } from '@/lib/db/client';
import { recordAudit } from '@/lib/db/audit';
import { insertHost } from '@/lib/db/hosts';
import { createHostSchema } from '@/lib/inventory/host-schema';
import { failure, success } from './action-result';
import { auditedBy, defineAction } from './define-action';
import { privateKeyErrors } from './host-secrets-check';

export const createHost = defineAction({ permission: 'hosts.write', audit: 'host.create', schema: createHostSchema }, async (input, actor) => {
  const keyErrors = privateKeyErrors(input);
  if (keyErrors) return failure('Some fields need attention.', keyErrors);
  const prisma = await db();
  if (await prisma.host.count({ where: { name: input.name } })) {
    return failure('Some fields need attention.', { name: ['Another host has this name'] });
  }
  const host = await prisma.$transaction(async (tx) => {
    const created = await insertHost(input, tx);
    await recordAudit(
      {
        ...auditedBy(actor),
        action: 'host.create',
        summary: `Added host ${created.name} (${input.sshUser}@${input.sshAddress}:${input.sshPort}, ${input.authMethod} authentication)`,
        targetType: 'host',
        targetId: created.id,
        targetName: created.name,
      },
      tx,
    );
    return created;
  });
  revalidatePath('/hosts');
  return success({ id: host.id });
});
