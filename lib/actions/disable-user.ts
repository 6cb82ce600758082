'use server';

import { revalidatePath } from 'next/cache';
import { isLastEnabledAdmin, LAST_ADMIN_MESSAGE, lockEnabledAdmins } from '@/lib/auth/admins';
import { userTargetSchema } from '@/lib/auth/user-schema';
import { db } from '@/lib/db/client';
import { defineAction } from './define-action';
import { sessionCount, userAudit } from './user-audit';

/**
 * Disables an account and deletes its sessions in the same transaction, so the user is signed
 * out at once and cannot sign in until re-enabled. Never yourself, never the last enabled admin
 * (the enabled admins are locked first, so two concurrent changes cannot both pass the check).
 */
export const disableUser = defineAction({ permission: 'users.manage', audit: 'user.disable', schema: userTargetSchema, invalidMessage: 'Choose a user to disable.' }, async ({ userId }, actor) => {
  const outcome = await (await db()).$transaction(async (tx) => {
    const admins = await lockEnabledAdmins(tx);
    const target = await tx.user.findUnique({ where: { id: userId }, select: { email: true, disabledAt: true } });
    const audit = userAudit(actor, 'user.disable', { id: userId, email: target?.email }, tx);
    if (!target) return audit.failed('That user no longer exists.');
    if (userId === actor.id) return audit.denied('You cannot disable your own account: ask another admin.');
    if (target.disabledAt) return audit.failed(`${target.email} is already disabled.`);
    if (isLastEnabledAdmin(admins, userId)) return audit.denied(LAST_ADMIN_MESSAGE);
    await tx.user.update({ where: { id: userId }, data: { disabledAt: new Date() }, select: { id: true } });
    const ended = await tx.session.deleteMany({ where: { userId } });
    return audit.done(`Disabled ${target.email} and ended ${sessionCount(ended.count)}`);
  });
  revalidatePath('/settings');
  return outcome;
});
