'use server';

import { revalidatePath } from 'next/cache';
import { roleChangeSchema } from '@/lib/auth/user-schema';
import { db } from '@/lib/db/client';
import { recordAudit } from '@/lib/db/audit';
import { failure, formFields, invalid, postedForm, success, type ActionResult } from './action-result';
import { authorize } from './authorize';

export async function changeUserRole(_previous: ActionResult | null, form: unknown): Promise<ActionResult> {
  const actor = await authorize('users.manage', 'user.change_role');
  if (!actor.ok) return actor;
  const posted = postedForm(form);
  if (!posted.ok) return posted;
  const parsed = roleChangeSchema.safeParse(formFields(posted.data));
  if (!parsed.success) return invalid(parsed.error);
  const { userId, role } = parsed.data;
  const prisma = await db();
  const outcome = await prisma.$transaction(async (tx) => {
    const target = await tx.user.findUnique({ where: { id: userId }, select: { email: true, role: true } });
    if (!target) return failure('That user no longer exists.');
    if (target.role === role) return failure(`${target.email} is already ${role}.`);
    if (target.role === 'admin' && (await tx.user.count({ where: { role: 'admin' } })) === 1) {
      return failure('Tandem needs at least one admin: make someone else admin first.');
    }
    await tx.user.update({ where: { id: userId }, data: { role }, select: { id: true } });
    await recordAudit(
      {
        actorId: actor.user.id,
        actorEmail: actor.user.email,
        action: 'user.change_role',
        summary: `Changed ${target.email} from ${target.role} to ${role}`,
        targetType: 'user',
        targetId: userId,
        targetName: target.email,
        clientAddress: actor.clientAddress,
      },
      tx,
    );
    return success(null);
  });
  revalidatePath('/settings');
  return outcome;
}
