import 'server-only';
import { isAPIError } from 'better-auth/api';
import { headers } from 'next/headers';
import { auth } from './auth';

/** A password hashed by better-auth, as at sign-up, so the account signs in with it as usual. */
export async function hashPassword(password: string): Promise<string> {
  return (await (await auth()).$context).password.hash(password);
}

/**
 * Changes the signed-in user's password through better-auth, which checks the current one,
 * ends every session of the user and opens a fresh one for this request (its cookie is set on
 * the response), so a session someone else holds does not outlive the change. `refused` is
 * better-auth declining for another reason (no session, no password sign-in).
 */
export async function changeSignedInPassword(currentPassword: string, newPassword: string): Promise<'changed' | 'wrong-password' | 'refused'> {
  try {
    await (await auth()).api.changePassword({ body: { currentPassword, newPassword, revokeOtherSessions: true }, headers: await headers() });
    return 'changed';
  } catch (error) {
    if (!isAPIError(error)) throw error;
    return error.body?.code === 'INVALID_PASSWORD' ? 'wrong-password' : 'refused';
  }
}
