import { createHash } from 'node:crypto';

export type SshAuth =
  | { readonly kind: 'key'; readonly privateKey: string; readonly passphrase?: string }
  | { readonly kind: 'password'; readonly password: string };

/** Where and how to log in. `pinnedHostKey` is the accepted `SHA256:…` fingerprint, or null before acceptance. */
export interface SshTarget {
  readonly address: string;
  readonly port: number;
  readonly username: string;
  readonly auth: SshAuth;
  readonly pinnedHostKey: string | null;
  readonly connectTimeoutMs?: number;
  readonly keepaliveIntervalMs?: number;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_KEEPALIVE_INTERVAL_MS = 15_000;

/** `user@address:port`, safe to show and log. */
export function describeTarget(target: Pick<SshTarget, 'address' | 'port' | 'username'>): string {
  const host = target.address.includes(':') ? `[${target.address}]` : target.address;
  return `${target.username}@${host}:${target.port}`;
}

/** The pool key: one connection per address, port and user. */
export function targetKey(target: Pick<SshTarget, 'address' | 'port' | 'username'>): string {
  return `${target.address}:${target.port}:${target.username}`;
}

/**
 * A digest of everything else that decides whether a pooled connection may serve this
 * target (credentials, pinned key), so a changed credential or pin forces a reconnect.
 * Only the digest is kept, never the secrets themselves.
 */
export function targetDigest(target: SshTarget): string {
  const hash = createHash('sha256');
  for (const part of [target.auth.kind, target.auth.kind === 'key' ? target.auth.privateKey : target.auth.password,
    target.auth.kind === 'key' ? (target.auth.passphrase ?? '') : '', target.pinnedHostKey ?? '']) {
    hash.update(String(part.length)).update(':').update(part);
  }
  return hash.digest('hex');
}
