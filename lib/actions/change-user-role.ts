'use server';

import { revalidatePath } from 'next/cache';
import { roleChangeSchema } from '@/lib/auth/user-schema';
import { db } from '@/lib/db/client';
import { recordAudit } from '@/lib/db/audit';
import { failure, success } from './action-result';
import { auditedBy, defineAction } from './define-action';

export const changeUserRole = defineAction({ permission: 'users.manage', audit: 'user.change_role', schema: roleChangeSchema }, async ({ userId, role }, actor) => {
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
        ...auditedBy(actor),
        action: 'user.change_role',
        summary: `Changed ${target.email} from ${target.role} to ${role}`,
        targetType: 'user',
        targetId: userId,
        targetName: target.email,
      },
      tx,
    );
    return success(null);
  });
  revalidatePath('/settings');
  return outcome;
});
