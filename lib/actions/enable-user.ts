'use server';

import { revalidatePath } from 'next/cache';
import { userTargetSchema } from '@/lib/auth/user-schema';
import { db } from '@/lib/db/client';
import { defineAction } from './define-action';
import { userAudit } from './user-audit';

/** Re-enables a disabled account: the user may sign in again with their password. */
export const enableUser = defineAction({ permission: 'users.manage', audit: 'user.enable', schema: userTargetSchema, invalidMessage: 'Choose a user to enable.' }, async ({ userId }, actor) => {
  const outcome = await (await db()).$transaction(async (tx) => {
    const target = await tx.user.findUnique({ where: { id: userId }, select: { email: true } });
    const audit = userAudit(actor, 'user.enable', { id: userId, email: target?.email }, tx);
    if (!target) return audit.failed('That user no longer exists.');
    const enabled = await tx.user.updateMany({ where: { id: userId, disabledAt: { not: null } }, data: { disabledAt: null } });
    if (enabled.count === 0) return audit.failed(`${target.email} is not disabled.`);
    return audit.done(`Enabled ${target.email}`);
  });
  revalidatePath('/settings');
  return outcome;
});
