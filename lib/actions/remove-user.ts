'use server';

import { revalidatePath } from 'next/cache';
import { removeUserSchema } from '@/lib/auth/user-schema';
import { db } from '@/lib/db/client';
import { defineAction } from './define-action';
import { userAudit } from './user-audit';

/**
 * Deletes a user, with their sessions and password (cascade). Only a disabled account can be
 * removed, which makes removal a deliberate second step and means it can never take away an
 * enabled admin; the admin types the user's e-mail to confirm. Audit records keep the e-mail as
 * text, so the user's history stays readable. The delete is conditional on the account still
 * being disabled, so a concurrent re-enable wins over it.
 */
export const removeUser = defineAction({ permission: 'users.manage', audit: 'user.remove', schema: removeUserSchema, invalidMessage: 'Choose a user to remove.' }, async ({ userId, confirm }, actor) => {
  const outcome = await (await db()).$transaction(async (tx) => {
    const target = await tx.user.findUnique({ where: { id: userId }, select: { email: true, role: true } });
    const audit = userAudit(actor, 'user.remove', { id: userId, email: target?.email }, tx);
    if (!target) return audit.failed('That user no longer exists.');
    if (userId === actor.id) return audit.denied('You cannot remove your own account: ask another admin.');
    if (confirm !== target.email) return audit.failed(`Type ${target.email} to confirm the removal.`);
    const removed = await tx.user.deleteMany({ where: { id: userId, disabledAt: { not: null } } });
    if (removed.count === 0) return audit.denied(`Disable ${target.email} before removing the account.`);
    return audit.done(`Removed ${target.email} (${target.role})`);
  });
  revalidatePath('/settings');
  return outcome;
});
