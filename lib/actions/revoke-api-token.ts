'use server';

import { revalidatePath } from 'next/cache';
import { apiTokenTargetSchema } from '@/lib/auth/api-token-schema';
import { can } from '@/lib/auth/roles';
import { revokeApiTokenRow } from '@/lib/db/api-tokens';
import { recordAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { failure, success } from './action-result';
import { auditedBy, defineAction } from './define-action';

/** A user revokes one of their own API tokens, an admin anyone's; it stops working at once. Audited. */
export const revokeApiToken = defineAction({ permission: 'read', audit: 'api_token.revoke', schema: apiTokenTargetSchema, invalidMessage: 'Unknown token.' }, async ({ tokenId }, actor) => {
  const prisma = await db();
  const user = await prisma.user.findUniqueOrThrow({ where: { id: actor.id }, select: { role: true } });
  const revoked = await prisma.$transaction(async (tx) => {
    const token = await revokeApiTokenRow(tx, tokenId, can(user.role, 'users.manage') ? null : actor.id, new Date());
    if (token) await recordAudit({ ...auditedBy(actor), action: 'api_token.revoke', summary: `Revoked API token "${token.name}" of ${token.email}`, targetType: 'api_token', targetId: tokenId, targetName: token.name }, tx);
    return token;
  });
  if (!revoked) return failure('There is no such token of yours that is still live.');
  revalidatePath('/settings');
  return success(null);
});
