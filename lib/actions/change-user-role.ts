'use server';

import { revalidatePath } from 'next/cache';
import { isLastEnabledAdmin, LAST_ADMIN_MESSAGE, lockEnabledAdmins } from '@/lib/auth/admins';
import { roleChangeSchema } from '@/lib/auth/user-schema';
import { db } from '@/lib/db/client';
import { defineAction } from './define-action';
import { sessionCount, userAudit } from './user-audit';

/**
 * Changes a user's role and ends their sessions, so they sign in again with the new one. The
 * enabled admins are locked first: two concurrent demotions of the last two admins leave one.
 */
export const changeUserRole = defineAction({ permission: 'users.manage', audit: 'user.change_role', schema: roleChangeSchema }, async ({ userId, role }, actor) => {
  const outcome = await (await db()).$transaction(async (tx) => {
    const admins = await lockEnabledAdmins(tx);
    const target = await tx.user.findUnique({ where: { id: userId }, select: { email: true, role: true } });
    const audit = userAudit(actor, 'user.change_role', { id: userId, email: target?.email }, tx);
    if (!target) return audit.failed('That user no longer exists.');
    if (target.role === role) return audit.failed(`${target.email} is already ${role}.`);
    if (role !== 'admin' && isLastEnabledAdmin(admins, userId)) return audit.denied(LAST_ADMIN_MESSAGE);
    await tx.user.update({ where: { id: userId }, data: { role }, select: { id: true } });
    const ended = await tx.session.deleteMany({ where: { userId } });
    return audit.done(`Changed ${target.email} from ${target.role} to ${role} and ended ${sessionCount(ended.count)}`);
  });
  revalidatePath('/settings');
  return outcome;
});
