'use server';

import { changeSignedInPassword } from '@/lib/auth/passwords';
import { attemptSucceeded, reserveAttempt } from '@/lib/auth/throttle';
import { ownPasswordSchema } from '@/lib/auth/user-schema';
import { db } from '@/lib/db/client';
import { failure } from './action-result';
import { defineAction } from './define-action';
import { userAudit } from './user-audit';

/**
 * The signed-in user changes their own password. Any role may (the `read` permission): the
 * current password is required, so a session left open elsewhere cannot lock its owner out, and
 * every other session of the user ends with the change. A wrong current password counts as a
 * failed sign-in (same counters, charged before the check), so an open session cannot be used
 * to guess the password faster than the sign-in page allows.
 */
export const changeOwnPassword = defineAction({ permission: 'read', audit: 'user.change_password', schema: ownPasswordSchema }, async ({ currentPassword, newPassword }, actor) => {
  const audit = userAudit(actor, 'user.change_password', { id: actor.id, email: actor.email }, await db());
  const wait = await reserveAttempt(actor.email, actor.clientAddress);
  if (wait > 0) return audit.denied(`Too many wrong passwords. Try again in ${wait} seconds.`);
  const changed = await changeSignedInPassword(currentPassword, newPassword);
  if (changed === 'wrong-password') {
    await audit.failed('the current password was wrong');
    return failure('Some fields need attention.', { currentPassword: ['The current password is wrong'] });
  }
  if (changed === 'refused') return audit.failed('Your password could not be changed. Sign in again and retry.');
  await attemptSucceeded(actor.email, actor.clientAddress);
  return audit.done('Changed their own password and ended their other sessions');
});
