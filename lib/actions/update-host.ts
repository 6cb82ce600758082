'use server';

import { revalidatePath } from 'next/cache';
import { db } from '@/lib/db/client';
import { recordAudit } from '@/lib/db/audit';
import { updateHostRow } from '@/lib/db/hosts';
import { updateHostSchema } from '@/lib/inventory/host-schema';
import { failure, formFields, invalid, postedForm, success, type ActionResult } from './action-result';
import { authorize } from './authorize';
import { privateKeyErrors } from './host-secrets-check';

export async function updateHost(_previous: ActionResult<{ id: number }> | null, form: unknown): Promise<ActionResult<{ id: number }>> {
  const actor = await authorize('hosts.write', 'host.update');
  if (!actor.ok) return actor;
  const posted = postedForm(form);
  if (!posted.ok) return posted;
  const parsed = updateHostSchema.safeParse(formFields(posted.data));
  if (!parsed.success) return invalid(parsed.error);
  const input = parsed.data;
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
  const updated = await prisma.$transaction(async (tx) => {
    const host = await updateHostRow(input, tx);
    if (!host) return null;
    await recordAudit(
      {
        actorId: actor.user.id,
        actorEmail: actor.user.email,
        action: 'host.update',
        summary: `Edited host ${host.name}${newSecret ? ' and replaced its SSH secret' : ''}`,
        targetType: 'host',
        targetId: host.id,
        targetName: host.name,
        clientAddress: actor.clientAddress,
      },
      tx,
    );
    return host;
  });
  if (!updated) return failure('This host no longer exists.');
  revalidatePath('/hosts');
  revalidatePath(`/hosts/${updated.id}`);
  return success({ id: updated.id });
}
