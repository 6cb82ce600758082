import { normalizeAddress } from './ip-address';

/** What the server knows about where a request came from. */
export interface RequestOrigin {
  /** The TCP peer's address, as the socket reported it; null when it is unknown. */
  readonly peer: string | null;
  /** The X-Forwarded-For header as received (several header lines joined with commas). */
  readonly forwardedFor: string | null;
}

/**
 * The client's address. The peer is the client unless it is a trusted proxy; then the
 * X-Forwarded-For chain is read from the right, since each proxy appends the address it saw
 * and only the right-hand end was written by proxies we trust: the first hop that is not a
 * trusted proxy is the client. Anything further left was written by the client and is never
 * believed. A hop that is not an address ends the walk at the last trusted hop, as does a
 * chain made only of trusted hops. Null only when the peer itself is unknown.
 */
export function resolveClientAddress(origin: RequestOrigin, isTrustedProxy: (address: string) => boolean): string | null {
  const peer = origin.peer === null ? null : normalizeAddress(origin.peer);
  if (peer === null || !isTrustedProxy(peer)) return peer;
  const hops = origin.forwardedFor?.trim() ? origin.forwardedFor.split(',') : [];
  let closest = peer;
  for (const text of hops.reverse()) {
    const hop = normalizeAddress(text);
    if (hop === null) return closest;
    if (!isTrustedProxy(hop)) return hop;
    closest = hop;
  }
  return closest;
}
