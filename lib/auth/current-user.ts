import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { db } from '@/lib/db/client';
import { auth } from './auth';
import type { Role } from './roles';

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/**
 * The user of the session that `requestHeaders` carry, with the role read fresh from the
 * database so a demotion takes effect at once. Null when there is no valid session or the
 * account is disabled (disabling also deletes its sessions; this covers a request already
 * under way). `refresh: false` leaves the session's expiry as it is, for a re-check that is
 * not the user's own activity (an open stream's).
 */
export async function sessionUser(requestHeaders: Headers, { refresh = true } = {}): Promise<CurrentUser | null> {
  const session = await (await auth()).api.getSession({ headers: requestHeaders, ...(refresh ? {} : { query: { disableRefresh: true } }) });
  if (!session) return null;
  return (await db()).user.findFirst({
    where: { id: session.user.id, disabledAt: null },
    select: { id: true, email: true, name: true, role: true },
  });
}

/** The signed-in user for this request (see {@link sessionUser}), read once per request. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => sessionUser(await headers()));

/** For pages: the signed-in user, or a redirect to the sign-in page. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect('/sign-in');
  return user;
}
