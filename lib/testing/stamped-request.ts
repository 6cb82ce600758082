import type { IncomingHttpHeaders } from 'node:http';
import { stampPeer } from '@/lib/server/peer-stamp';

/** Node's request headers as a fetch `Headers` (only single-valued ones, which is all these tests send). */
export function asHeaders(headers: IncomingHttpHeaders): Headers {
  return new Headers(Object.entries(headers).flatMap(([name, value]): [string, string][] => (typeof value === 'string' ? [[name, value]] : [])));
}

/** The headers a server action sees for a request from `peer` that sent `sent`, stamped the way the server stamps real requests. */
export function stampedHeaders(peer: string, sent: IncomingHttpHeaders = {}): Headers {
  const request = { headers: { ...sent }, socket: { remoteAddress: peer } };
  stampPeer(request);
  return asHeaders(request.headers);
}
