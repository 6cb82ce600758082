'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { auth } from '@/lib/auth/auth';
import { firstAdminSchema } from '@/lib/auth/user-schema';
import { retireSetupToken, setupTokenFile, setupTokenMatches } from '@/lib/auth/setup-token';
import { countUsers, createFirstAdmin } from '@/lib/auth/users';
import { recordAudit } from '@/lib/db/audit';
import { failure, type ActionResult } from './action-result';
import { definePublicAction } from './define-action';

/**
 * Open only while Tandem has no user at all, and only with the one-time setup token Tandem
 * printed at start-up (so whoever reaches the page first from the network cannot claim it).
 */
export const createFirstAdminAccount = definePublicAction({ audit: 'user.create', schema: firstAdminSchema }, async ({ setupToken, name, email, password }, caller): Promise<ActionResult> => {
  if ((await countUsers()) > 0) return failure('Tandem already has an admin. Sign in instead.');
  if (!(await setupTokenMatches(setupToken))) {
    await recordAudit({ actorId: null, actorEmail: email, action: 'user.create', outcome: 'failed', summary: `Refused to create the first admin ${email}: wrong setup token`, targetType: 'user', targetName: email, clientAddress: caller.clientAddress });
    return failure('Some fields need attention.', { setupToken: [`That is not the setup token Tandem printed at its last start (also in ${setupTokenFile()})`] });
  }
  const id = await createFirstAdmin({ name, email, password });
  if (!id) return failure('Tandem already has an admin. Sign in instead.');
  await retireSetupToken();
  await recordAudit({ actorId: id, actorEmail: email, action: 'user.create', summary: `Created the first admin ${email}`, targetType: 'user', targetId: id, targetName: email, clientAddress: caller.clientAddress });
  await (await auth()).api.signInEmail({ body: { email, password }, headers: await headers() });
  redirect('/');
});
