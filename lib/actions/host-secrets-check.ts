import 'server-only';
import type { CreateHostInput } from '@/lib/inventory/host-schema';
import { checkPrivateKey } from '@/lib/ssh/private-key';
import type { FieldErrors } from './action-result';

/** A pasted key must parse (with its passphrase) before anything is stored. */
export function privateKeyErrors(input: Pick<CreateHostInput, 'authMethod' | 'privateKey' | 'passphrase'>): FieldErrors | null {
  if (input.authMethod !== 'key' || input.privateKey.trim() === '') return null;
  const check = checkPrivateKey(input.privateKey.trim(), input.passphrase || undefined);
  if (check.ok) return null;
  const field = /passphrase/i.test(check.message) ? 'passphrase' : 'privateKey';
  return { [field]: [check.message] };
}
