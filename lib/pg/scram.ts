import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';

const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/**
 * Computes a PostgreSQL SCRAM-SHA-256 password verifier, so `CREATE/ALTER ROLE …
 * PASSWORD` can be sent the verifier instead of the password: the clear password then
 * never reaches the server's statement log or `pg_stat_activity` (what psql's
 * `\password` does). Only printable-ASCII passwords are accepted, because for those
 * SASLprep is the identity and client and server agree on the bytes.
 */
export function scramSha256Verifier(password: string, options: { iterations?: number; salt?: Buffer } = {}): string {
  if (!PRINTABLE_ASCII.test(password)) {
    throw new TypeError('scramSha256Verifier: the password must be non-empty printable ASCII');
  }
  const iterations = options.iterations ?? 4096;
  const salt = options.salt ?? randomBytes(16);
  const salted = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}
