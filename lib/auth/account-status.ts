import 'server-only';
import { APIError, isAPIError } from 'better-auth/api';
import { db } from '@/lib/db/client';

const ACCOUNT_DISABLED = 'ACCOUNT_DISABLED';

/**
 * better-auth's `session.create.before` hook: no session is created for a disabled account,
 * whichever path asks (sign-in, a password change). It runs after the password was checked,
 * so only someone who knows the password learns the account is disabled.
 */
export async function refuseDisabledAccount(session: { userId: string }): Promise<void> {
  const user = await (await db()).user.findUnique({ where: { id: session.userId }, select: { disabledAt: true } });
  if (user?.disabledAt) throw APIError.from('FORBIDDEN', { code: ACCOUNT_DISABLED, message: 'This account is disabled' });
}

/** Whether better-auth refused a session because the account is disabled (see `refuseDisabledAccount`). */
export function isAccountDisabledError(error: unknown): boolean {
  return isAPIError(error) && error.body?.code === ACCOUNT_DISABLED;
}
