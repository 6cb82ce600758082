'use server';

import { revalidatePath } from 'next/cache';
import { db } from '@/lib/db/client';
import { recordAudit } from '@/lib/db/audit';
import { HostInUse, SecretRequired, updateHostRow } from '@/lib/db/hosts';
import { updateHostSchema } from '@/lib/inventory/host-schema';
import { failure, success } from './action-result';
import { auditedBy, defineAction } from './define-action';
import { privateKeyErrors } from './host-secrets-check';

export const updateHost = defineAction({ permission: 'hosts.write', audit: 'host.update', schema: updateHostSchema }, async (input, actor) => {
  const keyErrors = privateKeyErrors(input);
  if (keyErrors) return failure('Some fields need attention.', keyErrors);
  const prisma = await db();
  const current = await prisma.host.findUnique({ where: { id: input.id }, select: { authMethod: true, name: true } });
  if (!current) return failure('This host no longer exists.');
  const newSecret = input.authMethod === 'key' ? input.privateKey.trim() : input.password;
  if (current.authMethod !== input.authMethod && newSecret === '') {
    const field = input.authMethod === 'key' ? 'privateKey' : 'password';
    return failure('Some fields need attention.', { [field]: ['The authentication method changed: enter the new secret'] });
  }
  if (input.authMethod === 'key' && input.passphrase && newSecret === '') {
    return failure('Some fields need attention.', { privateKey: ['Paste the key again to change its passphrase'] });
  }
  if (input.name !== current.name && (await prisma.host.count({ where: { name: input.name } }))) {
    return failure('Some fields need attention.', { name: ['Another host has this name'] });
  }
  const updating = prisma.$transaction(async (tx) => {
    const host = await updateHostRow(input, tx);
    if (!host) return null;
    await recordAudit(
      {
        ...auditedBy(actor),
        action: 'host.update',
        summary: `Edited host ${host.name}${newSecret ? ' and replaced its SSH secret' : ''}`,
        targetType: 'host',
        targetId: host.id,
        targetName: host.name,
      },
      tx,
    );
    return host;
  });
  const updated = await updating.catch((error: unknown) => {
    if (error instanceof HostInUse || error instanceof SecretRequired) return error;
    throw error;
  });
  if (updated instanceof SecretRequired) return failure('Some fields need attention.', { [input.authMethod === 'key' ? 'privateKey' : 'password']: [updated.message] });
  if (updated instanceof HostInUse) return failure(updated.message);
  if (!updated) return failure('This host no longer exists.');
  revalidatePath('/hosts');
  revalidatePath(`/hosts/${updated.id}`);
  return success({ id: updated.id });
});
