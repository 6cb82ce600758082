'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { auth } from '@/lib/auth/auth';
import { getCurrentUser } from '@/lib/auth/current-user';
import { recordAudit } from '@/lib/db/audit';
import { clientAddress } from '@/lib/server/request-meta';
import { definePublicCall } from './define-action';

/** Ends the session, if there is one, and goes to the sign-in page. */
export const signOut = definePublicCall({ audit: 'auth.sign_out' }, async () => {
  const user = await getCurrentUser();
  if (user) {
    await (await auth()).api.signOut({ headers: await headers() });
    await recordAudit({ actorId: user.id, actorEmail: user.email, action: 'auth.sign_out', summary: 'Signed out', targetType: 'user', targetId: user.id, targetName: user.email, clientAddress: await clientAddress() });
  }
  redirect('/sign-in');
});
