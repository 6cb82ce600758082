'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { auth } from '@/lib/auth/auth';
import { firstAdminSchema } from '@/lib/auth/user-schema';
import { createFirstAdmin } from '@/lib/auth/users';
import { recordAudit } from '@/lib/db/audit';
import { failure, type ActionResult } from './action-result';
import { definePublicAction } from './define-action';

/** Open to anyone only while Tandem has no user at all; afterwards it refuses. */
export const createFirstAdminAccount = definePublicAction({ audit: 'user.create', schema: firstAdminSchema }, async ({ name, email, password }, caller): Promise<ActionResult> => {
  const id = await createFirstAdmin({ name, email, password });
  if (!id) return failure('Tandem already has an admin. Sign in instead.');
  await recordAudit({ actorId: id, actorEmail: email, action: 'user.create', summary: `Created the first admin ${email}`, targetType: 'user', targetId: id, targetName: email, clientAddress: caller.clientAddress });
  await (await auth()).api.signInEmail({ body: { email, password }, headers: await headers() });
  redirect('/');
});
