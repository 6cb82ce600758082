import 'server-only';
import { headers } from 'next/headers';
import { env } from '@/lib/config/env';
import { resolveClientAddress } from './forwarded';
import { addressMatcher } from './ip-address';
import { stampedPeer } from './peer-stamp';

let trusted: ((address: string) => boolean) | undefined;

/**
 * The client's address: the connection's peer, or, when the peer is one of
 * TANDEM_TRUSTED_PROXIES, the right-most X-Forwarded-For hop that is not a trusted proxy.
 * Null when the peer is unknown. Throttling and audit records rely on it, so nothing a
 * client sends decides it unless a trusted proxy vouches for it.
 */
export async function clientAddress(): Promise<string | null> {
  return requestClientAddress(await headers());
}

/** {@link clientAddress} from a request's own headers (a route handler holding the `Request`). */
export function requestClientAddress(list: Headers): string | null {
  trusted ??= addressMatcher(env().TANDEM_TRUSTED_PROXIES);
  return resolveClientAddress({ peer: stampedPeer(list), forwardedFor: list.get('x-forwarded-for') }, trusted);
}
