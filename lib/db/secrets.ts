import 'server-only';
import { openSecret, sealSecret } from '@/lib/crypto/secret-box';
import { database } from './client';

export type SecretField = 'host.sshSecret' | 'host.sshPassphrase' | 'cluster.replicationSecret' | 'cluster.monitorSecret' | 'webhook.urlSecret';

/** Encrypts a value for storage in `field`. */
export async function seal(field: SecretField, plaintext: string): Promise<string> {
  return sealSecret((await database()).secretKey, plaintext, field);
}

/** Decrypts a stored value of `field`; only lib/db calls this, to hand secrets to ssh/pg. */
export async function unseal(field: SecretField, sealed: string): Promise<string> {
  return openSecret((await database()).secretKey, sealed, field);
}
