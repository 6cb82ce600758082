'use server';

import { revalidatePath } from 'next/cache';
import { hashPassword } from '@/lib/auth/passwords';
import { setPasswordSchema } from '@/lib/auth/user-schema';
import { db } from '@/lib/db/client';
import { defineAction } from './define-action';
import { sessionCount, userAudit } from './user-audit';

/**
 * An admin sets a new password for another user (a forgotten or leaked one) and ends that user's
 * sessions, so whoever held the old password is signed out. Your own password is changed with
 * `changeOwnPassword`, which asks for the current one.
 */
export const setUserPassword = defineAction({ permission: 'users.manage', audit: 'user.set_password', schema: setPasswordSchema }, async ({ userId, password }, actor) => {
  if (userId === actor.id) {
    return userAudit(actor, 'user.set_password', { id: actor.id, email: actor.email }, await db()).denied('Change your own password under "Your password", which asks for the current one.');
  }
  const hash = await hashPassword(password);
  const outcome = await (await db()).$transaction(async (tx) => {
    const target = await tx.user.findUnique({ where: { id: userId }, select: { email: true } });
    const audit = userAudit(actor, 'user.set_password', { id: userId, email: target?.email }, tx);
    if (!target) return audit.failed('That user no longer exists.');
    const updated = await tx.account.updateMany({ where: { userId, providerId: 'credential' }, data: { password: hash } });
    if (updated.count === 0) return audit.failed(`${target.email} has no password sign-in to change.`);
    const ended = await tx.session.deleteMany({ where: { userId } });
    return audit.done(`Set a new password for ${target.email} and ended ${sessionCount(ended.count)}`);
  });
  revalidatePath('/settings');
  return outcome;
});
