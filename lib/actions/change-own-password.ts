'use server';

import { changeSignedInPassword } from '@/lib/auth/passwords';
import { ownPasswordSchema } from '@/lib/auth/user-schema';
import { db } from '@/lib/db/client';
import { failure } from './action-result';
import { defineAction } from './define-action';
import { userAudit } from './user-audit';

/**
 * The signed-in user changes their own password. Any role may (the `read` permission): the
 * current password is required, so a session left open elsewhere cannot lock its owner out, and
 * every other session of the user ends with the change.
 */
export const changeOwnPassword = defineAction({ permission: 'read', audit: 'user.change_password', schema: ownPasswordSchema }, async ({ currentPassword, newPassword }, actor) => {
  const audit = userAudit(actor, 'user.change_password', { id: actor.id, email: actor.email }, await db());
  const changed = await changeSignedInPassword(currentPassword, newPassword);
  if (changed === 'wrong-password') {
    await audit.failed('the current password was wrong');
    return failure('Some fields need attention.', { currentPassword: ['The current password is wrong'] });
  }
  if (changed === 'refused') return audit.failed('Your password could not be changed. Sign in again and retry.');
  return audit.done('Changed their own password and ended their other sessions');
});
