'use server';

import { revalidatePath } from 'next/cache';
import { issueApiToken, lesserRole } from '@/lib/auth/api-token';
import { newApiTokenSchema } from '@/lib/auth/api-token-schema';
import { apiTokenNameTaken, insertApiToken } from '@/lib/db/api-tokens';
import { recordAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { failure, success } from './action-result';
import { auditedBy, defineAction } from './define-action';

const DAY_MS = 86_400_000;

/**
 * The signed-in user creates an API token for themselves (any role: the `read` permission),
 * with a role no higher than their own and an expiry of 1 to 365 days. The token is returned
 * once and only its hash is stored; audited, the token never is.
 */
export const createApiToken = defineAction({ permission: 'read', audit: 'api_token.create', schema: newApiTokenSchema }, async ({ name, role, days }, actor) => {
  const prisma = await db();
  const user = await prisma.user.findUniqueOrThrow({ where: { id: actor.id }, select: { role: true } });
  if (lesserRole(role, user.role) !== role) return failure('Some fields need attention.', { role: [`Your role is ${user.role}: a token of yours cannot have more.`] });
  if (await apiTokenNameTaken(actor.id, name)) return failure('Some fields need attention.', { name: ['You already have a token of this name (revoked ones keep theirs).'] });
  const issued = issueApiToken();
  const expiresAt = new Date(Date.now() + days * DAY_MS);
  await prisma.$transaction(async (tx) => {
    const id = await insertApiToken(tx, { userId: actor.id, name, role, lookupId: issued.lookupId, secretHash: issued.secretHash, expiresAt });
    await recordAudit({ ...auditedBy(actor), action: 'api_token.create', summary: `Created API token "${name}" (${role}, expires ${expiresAt.toISOString().slice(0, 10)})`, targetType: 'api_token', targetId: id, targetName: name }, tx);
  });
  revalidatePath('/settings');
  return success({ name, token: issued.token });
});
