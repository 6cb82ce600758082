import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretTamperedError extends Error {
  constructor(context: string) {
    super(`The stored secret for ${context} could not be decrypted: it was altered, or the secret key changed`);
    this.name = 'SecretTamperedError';
  }
}

/**
 * Encrypts a secret with AES-256-GCM. `context` (e.g. "host.sshSecret") is bound as
 * associated data, so a ciphertext copied into another field does not decrypt.
 * Output: `v1.<iv>.<tag>.<ciphertext>`, each part base64url.
 */
export function sealSecret(key: Buffer, plaintext: string, context: string): string {
  assertKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), body].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
}

/** Decrypts what {@link sealSecret} produced; any alteration throws {@link SecretTamperedError}. */
export function openSecret(key: Buffer, sealed: string, context: string): string {
  assertKey(key);
  const [version, iv, tag, body, ...rest] = sealed.split('.');
  if (version !== VERSION || iv === undefined || tag === undefined || body === undefined || rest.length > 0) {
    throw new SecretTamperedError(context);
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretTamperedError(context);
  }
}

function assertKey(key: Buffer): void {
  if (key.length !== 32) throw new Error('The secret key must be 32 bytes (AES-256)');
}
