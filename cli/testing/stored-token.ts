import type { Role } from '@/lib/auth/roles';
import type { TEST_USERS } from '@/lib/testing/action-fixtures';

/** An API token of `user` with `role`, stored as the settings page stores one (its hash only), valid for a day; loaded late, once a test has set DATABASE_URL. */
export async function storedApiToken(user: (typeof TEST_USERS)[Role], name: string, role: Role = user.role): Promise<string> {
  const [{ db }, { issueApiToken }, { insertApiToken }] = await Promise.all([import('@/lib/db/client'), import('@/lib/auth/api-token'), import('@/lib/db/api-tokens')]);
  const issued = issueApiToken();
  await insertApiToken(await db(), { userId: user.id, name, role, lookupId: issued.lookupId, secretHash: issued.secretHash, expiresAt: new Date(Date.now() + 86_400_000) });
  return issued.token;
}
