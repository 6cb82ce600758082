import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'tdm_';

/** A new scrape token: 32 random bytes, recognisable by its prefix in a scrape config. */
export function generateMetricsToken(): string {
  return `${PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** What is stored: the token is high-entropy, so a plain SHA-256 suffices and reveals nothing. */
export function hashMetricsToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Checks an `Authorization: Bearer …` header against the stored hash in constant time
 * (both sides are hashed to equal length first). False without a header, a stored hash or a match.
 */
export function bearerMatches(header: string | null, storedHash: string | null): boolean {
  if (!header || !storedHash || !/^[0-9a-f]{64}$/.test(storedHash)) return false;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) return false;
  return timingSafeEqual(Buffer.from(hashMetricsToken(match[1]), 'hex'), Buffer.from(storedHash, 'hex'));
}
