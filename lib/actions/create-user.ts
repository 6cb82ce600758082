'use server';

import { revalidatePath } from 'next/cache';
import { newUserSchema } from '@/lib/auth/user-schema';
import { createUserWithPassword, emailTaken } from '@/lib/auth/users';
import { recordAudit } from '@/lib/db/audit';
import { failure, success } from './action-result';
import { auditedBy, defineAction } from './define-action';

export const createUser = defineAction({ permission: 'users.manage', audit: 'user.create', schema: newUserSchema }, async (input, actor) => {
  if (await emailTaken(input.email)) return failure('Some fields need attention.', { email: ['A user with this e-mail exists'] });
  const id = await createUserWithPassword(input);
  await recordAudit({ ...auditedBy(actor), action: 'user.create', summary: `Added ${input.email} as ${input.role}`, targetType: 'user', targetId: id, targetName: input.email });
  revalidatePath('/settings');
  return success(null);
});
