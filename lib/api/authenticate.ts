import 'server-only';
import { apiTokenMatches, bearerApiToken, lesserRole } from '@/lib/auth/api-token';
import type { Role } from '@/lib/auth/roles';
import { findApiToken, recordApiTokenUse } from '@/lib/db/api-tokens';
import type { Actor } from '@/lib/actions/define-action';
import { requestClientAddress } from '@/lib/server/request-meta';

/** Who calls /api/v1: the token's user acting with the lesser of the token's role and the user's role now. */
export interface ApiCaller {
  readonly tokenId: number;
  readonly tokenName: string;
  readonly role: Role;
  /** The user, with `via: token <name>` for the audit records. */
  readonly actor: Actor;
}

export type Authentication = { readonly ok: true; readonly caller: ApiCaller } | { readonly ok: false; readonly detail: string };

/**
 * The caller of a request by its `Authorization: Bearer tdm_…` header, read fresh from the
 * database on every call: a revoked or expired token, or one whose user is disabled, stops
 * at once, and a demoted user's tokens are demoted with them. Records the use (at most once
 * a minute). No cookie is read: /api/v1 has no session, so no cross-site request can use one.
 */
export async function authenticate(request: Request, now = new Date()): Promise<Authentication> {
  const bearer = bearerApiToken(request.headers.get('authorization'));
  if (!bearer) return { ok: false, detail: 'Send an API token as `Authorization: Bearer tdm_…` (Settings → API tokens).' };
  const stored = await findApiToken(bearer.lookupId);
  if (!stored || !apiTokenMatches(bearer.token, stored.secretHash)) return { ok: false, detail: 'This API token is not known to Tandem.' };
  if (stored.revokedAt) return { ok: false, detail: `This API token (${stored.name}) was revoked.` };
  if (stored.expiresAt <= now) return { ok: false, detail: `This API token (${stored.name}) expired at ${stored.expiresAt.toISOString()}.` };
  if (stored.user.disabledAt) return { ok: false, detail: `The account of this API token (${stored.name}) is disabled.` };
  await recordApiTokenUse(stored.id, stored.lastUsedAt, now);
  return {
    ok: true,
    caller: {
      tokenId: stored.id,
      tokenName: stored.name,
      role: lesserRole(stored.role, stored.user.role),
      actor: { id: stored.user.id, email: stored.user.email, clientAddress: requestClientAddress(request.headers), via: `token ${stored.name}` },
    },
  };
}
