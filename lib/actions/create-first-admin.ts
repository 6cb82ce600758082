'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { auth } from '@/lib/auth/auth';
import { firstAdminSchema } from '@/lib/auth/user-schema';
import { createFirstAdmin } from '@/lib/auth/users';
import { recordAudit } from '@/lib/db/audit';
import { clientAddress } from '@/lib/server/request-meta';
import { failure, formFields, invalid, postedForm, type ActionResult } from './action-result';

/** Open to anyone only while Tandem has no user at all; afterwards it refuses. */
export async function createFirstAdminAccount(_previous: ActionResult | null, form: unknown): Promise<ActionResult> {
  const posted = postedForm(form);
  if (!posted.ok) return posted;
  const parsed = firstAdminSchema.safeParse(formFields(posted.data));
  if (!parsed.success) return invalid(parsed.error);
  const { name, email, password } = parsed.data;
  const id = await createFirstAdmin({ name, email, password });
  if (!id) return failure('Tandem already has an admin. Sign in instead.');
  await recordAudit({ actorId: id, actorEmail: email, action: 'user.create', summary: `Created the first admin ${email}`, targetType: 'user', targetId: id, targetName: email, clientAddress: await clientAddress() });
  await (await auth()).api.signInEmail({ body: { email, password }, headers: await headers() });
  redirect('/');
}
