import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ROLES, type Role } from './roles';

const TOKEN = /^tdm_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

/** A new API token and what is stored of it: `lookupId` finds its row, `secretHash` is the SHA-256 of the whole token. */
export interface IssuedToken {
  readonly token: string;
  readonly lookupId: string;
  readonly secretHash: string;
}

/** The SHA-256 of a token, hex: its 32 random bytes make a plain hash enough (nothing to guess, nothing to salt). */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A fresh token, `tdm_<12 hex>_<32 random bytes, base64url>`: the first part is public (it finds the row), the second the secret. */
export function issueApiToken(): IssuedToken {
  const lookupId = randomBytes(6).toString('hex');
  const token = `tdm_${lookupId}_${randomBytes(32).toString('base64url')}`;
  return { token, lookupId, secretHash: hashApiToken(token) };
}

/** The token an `Authorization: Bearer …` header carries, with its lookup id; null for any other header. */
export function bearerApiToken(header: string | null): { token: string; lookupId: string } | null {
  const bearer = header && /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  const lookupId = bearer ? TOKEN.exec(bearer)?.[1] : undefined;
  return bearer && lookupId ? { token: bearer, lookupId } : null;
}

/** Whether `token` is the one whose hash is stored, compared in constant time. */
export function apiTokenMatches(token: string, storedHash: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(storedHash)) return false;
  return timingSafeEqual(Buffer.from(hashApiToken(token), 'hex'), Buffer.from(storedHash, 'hex'));
}

/** The lower of two roles: a token acts with the lesser of its own role and its user's role now. */
export function lesserRole(a: Role, b: Role): Role {
  return ROLES.indexOf(a) <= ROLES.indexOf(b) ? a : b;
}
