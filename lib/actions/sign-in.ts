'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { isAccountDisabledError } from '@/lib/auth/account-status';
import { auth } from '@/lib/auth/auth';
import { attemptSucceeded, reserveAttempt } from '@/lib/auth/throttle';
import { signInSchema } from '@/lib/auth/user-schema';
import { recordAudit } from '@/lib/db/audit';
import { failure, type ActionResult } from './action-result';
import { definePublicAction } from './define-action';

/**
 * The request's headers as better-auth is given them: X-Forwarded-For replaced by the client
 * address Tandem resolved (the peer, or what a trusted proxy vouched for), which better-auth
 * stores on the session; what the client itself claims never reaches it.
 */
async function headersForAuth(address: string | null): Promise<Headers> {
  const copy = new Headers(await headers());
  copy.delete('x-real-ip');
  if (address === null) copy.delete('x-forwarded-for');
  else copy.set('x-forwarded-for', address);
  return copy;
}

export const signIn = definePublicAction({ audit: 'auth.sign_in', schema: signInSchema }, async ({ email, password }, { clientAddress: address }): Promise<ActionResult> => {
  const wait = await reserveAttempt(email, address);
  if (wait > 0) {
    await recordAudit({ actorId: null, actorEmail: email, action: 'auth.sign_in', summary: `Sign-in refused: throttled for ${wait} s after repeated failures`, outcome: 'denied', clientAddress: address });
    return failure(`Too many failed sign-ins. Try again in ${wait} seconds.`);
  }
  try {
    const result = await (await auth()).api.signInEmail({ body: { email, password }, headers: await headersForAuth(address) });
    await attemptSucceeded(email, address);
    await recordAudit({ actorId: result.user.id, actorEmail: email, action: 'auth.sign_in', summary: 'Signed in', targetType: 'user', targetId: result.user.id, targetName: email, clientAddress: address });
  } catch (error) {
    if (isAccountDisabledError(error)) {
      await recordAudit({ actorId: null, actorEmail: email, action: 'auth.sign_in', summary: 'Sign-in refused: the account is disabled', outcome: 'denied', clientAddress: address });
      return failure('This account is disabled. Ask an admin to enable it.');
    }
    await recordAudit({ actorId: null, actorEmail: email, action: 'auth.sign_in', summary: 'Failed sign-in: wrong e-mail or password', outcome: 'failed', clientAddress: address });
    return failure('The e-mail or password is wrong.');
  }
  redirect('/');
});
