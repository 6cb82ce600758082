'use server';

import { revalidatePath } from 'next/cache';
import { newUserSchema } from '@/lib/auth/user-schema';
import { createUserWithPassword, emailTaken } from '@/lib/auth/users';
import { recordAudit } from '@/lib/db/audit';
import { failure, formFields, invalid, postedForm, success, type ActionResult } from './action-result';
import { authorize } from './authorize';

export async function createUser(_previous: ActionResult | null, form: unknown): Promise<ActionResult> {
  const actor = await authorize('users.manage', 'user.create');
  if (!actor.ok) return actor;
  const posted = postedForm(form);
  if (!posted.ok) return posted;
  const parsed = newUserSchema.safeParse(formFields(posted.data));
  if (!parsed.success) return invalid(parsed.error);
  if (await emailTaken(parsed.data.email)) return failure('Some fields need attention.', { email: ['A user with this e-mail exists'] });
  const id = await createUserWithPassword(parsed.data);
  await recordAudit({
    actorId: actor.user.id,
    actorEmail: actor.user.email,
    action: 'user.create',
    summary: `Added ${parsed.data.email} as ${parsed.data.role}`,
    targetType: 'user',
    targetId: id,
    targetName: parsed.data.email,
    clientAddress: actor.clientAddress,
  });
  revalidatePath('/settings');
  return success(null);
}
