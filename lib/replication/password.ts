import { createHash } from 'node:crypto';
import { scramSha256Verifier } from '@/lib/pg/scram';
import type { PasswordMethod } from './setup-types';

/**
 * A replication password: 32 characters of base64url from 24 random bytes (192 bits).
 * Printable ASCII without `:` or `\`, so it needs no escaping in a `.pgpass` line and
 * SASLprep leaves it unchanged. `randomBytes` is injected so the domain stays testable.
 */
export function generateReplicationPassword(randomBytes: (size: number) => Uint8Array): string {
  const bytes = randomBytes(24);
  if (bytes.length !== 24) throw new RangeError('generateReplicationPassword: expected 24 random bytes');
  return Buffer.from(bytes).toString('base64url');
}

/**
 * What `CREATE/ALTER ROLE … PASSWORD` receives instead of the password: a SCRAM-SHA-256
 * verifier, or for md5 `md5` + md5(password + role) as PostgreSQL stores it. The server
 * stores a verifier as given, so the clear password never reaches its logs.
 */
export function passwordVerifier(method: PasswordMethod, role: string, password: string): string {
  if (method === 'scram-sha-256') return scramSha256Verifier(password);
  return `md5${createHash('md5').update(password + role, 'utf8').digest('hex')}`;
}
