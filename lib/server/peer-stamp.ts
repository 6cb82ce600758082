import 'server-only';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';

const PEER_HEADER = 'x-tandem-peer';
const SEAL_HEADER = 'x-tandem-peer-seal';
const SEAL_KEY = Symbol.for('tandem.peerSeal');
const INSTALLED_KEY = Symbol.for('tandem.peerStampInstalled');
type Holder = { [SEAL_KEY]?: string };

/** A random value only this process knows; shared through globalThis because Next bundles the stamp and its readers apart. */
function processSeal(): string {
  const holder = globalThis as Holder;
  holder[SEAL_KEY] ??= randomBytes(32).toString('hex');
  return holder[SEAL_KEY];
}

function sealed(value: string | string[] | null | undefined): boolean {
  if (typeof value !== 'string') return false;
  const given = Buffer.from(value);
  const expected = Buffer.from(processSeal());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The parts of an incoming request the stamp reads and writes. */
export interface StampedRequest {
  readonly headers: IncomingHttpHeaders;
  readonly socket: { readonly remoteAddress?: string | undefined };
}

/**
 * Writes the socket's peer address into the request's headers, with this process's seal,
 * replacing whatever the client sent under those names. A request that already carries the
 * seal is Next.js relaying a server action to the worker that holds it (a self-fetch, so its
 * peer is this server): it keeps the peer stamped on the original request.
 */
export function stampPeer(request: StampedRequest): void {
  const relayed = sealed(request.headers[SEAL_HEADER]) ? request.headers[PEER_HEADER] : undefined;
  request.headers[PEER_HEADER] = typeof relayed === 'string' ? relayed : (request.socket.remoteAddress ?? '');
  request.headers[SEAL_HEADER] = processSeal();
}

/** The peer address `stampPeer` wrote, or null when the headers carry no valid seal (the stamp was not installed, or a client forged it). */
export function stampedPeer(headers: Headers): string | null {
  return sealed(headers.get(SEAL_HEADER)) ? headers.get(PEER_HEADER) || null : null;
}

/**
 * Stamps every request this process's HTTP(S) servers receive, before Next.js sees it.
 * `next start` offers no way to read the socket from a server action: it fills
 * `x-forwarded-for` with the peer only when the client sent none (`??=` in its base server),
 * so that header is whatever the client chose. Called once at start-up; requests that arrive
 * before it carry no stamp and count as coming from an unknown address.
 */
export function installPeerStamp(): void {
  for (const Server of [http.Server, https.Server]) {
    const prototype: object = Server.prototype;
    const emit: unknown = Reflect.get(prototype, 'emit');
    if (Reflect.get(prototype, INSTALLED_KEY) === true || typeof emit !== 'function') continue;
    Reflect.set(prototype, 'emit', function stampRequests(this: unknown, event: string | symbol, ...args: unknown[]): unknown {
      const [request] = args;
      if (event === 'request' && request instanceof http.IncomingMessage) stampPeer(request);
      return Reflect.apply(emit, this, [event, ...args]);
    });
    Reflect.set(prototype, INSTALLED_KEY, true);
  }
}
