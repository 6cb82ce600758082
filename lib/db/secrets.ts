import 'server-only';
import { openSecret, sealSecret } from '@/lib/crypto/secret-box';
import { database } from './client';

export type SecretField = 'host.sshSecret' | 'host.sshPassphrase' | 'cluster.replicationSecret' | 'cluster.monitorSecret' | 'cluster.routingHookSecret' | 'webhook.urlSecret' | 'authority.key' | 'backup.s3Key' | 'backup.s3Secret' | 'backup.cipherPass';

/**
 * The associated data a secret is sealed under: its field and, where given, what it is
 * bound to (a host secret to its row and `user@address:port`), so a ciphertext opens only
 * in its own field and, for a host, only for the endpoint it was entered for.
 */
function contextOf(field: SecretField, binding: string | undefined): string {
  return binding === undefined ? field : `${field}#${binding}`;
}

/** Encrypts a value for storage in `field` (bound to `binding` when given). */
export async function seal(field: SecretField, plaintext: string, binding?: string): Promise<string> {
  return sealSecret((await database()).secretKey, plaintext, contextOf(field, binding));
}

/** Decrypts a stored value of `field`; only lib/db calls this, to hand secrets to ssh/pg. */
export async function unseal(field: SecretField, sealed: string, binding?: string): Promise<string> {
  return openSecret((await database()).secretKey, sealed, contextOf(field, binding));
}
