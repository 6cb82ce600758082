import 'server-only';
import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { AttemptResult } from './delivery-lane';
import { bareHost, destinationRefusal, parseIp, type AllowList } from './webhook-address';

export interface PostOptions {
  /** From resolving the host to the response status. */
  readonly timeoutMs: number;
  /** Read at each attempt, so a change to the allow-list applies to the next one. */
  readonly allowList: () => Promise<AllowList>;
}

const rejectOnAbort = (signal: AbortSignal) => new Promise<never>((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));

/** The addresses of a host name (without brackets), looked up once; an IP address stands for itself. */
async function resolveOnce(name: string, signal: AbortSignal): Promise<readonly LookupAddress[]> {
  const literal = parseIp(name);
  if (literal) return [{ address: name, family: literal.family }];
  return Promise.race([lookup(name, { all: true }), rejectOnAbort(signal)]);
}

/** A `lookup` that answers with the addresses already judged, so the connection cannot go anywhere else. */
function pinnedTo(addresses: readonly LookupAddress[]): LookupFunction {
  return (_host, options, callback) => {
    const [first] = addresses;
    if (options.all || !first) callback(null, [...addresses]);
    else callback(null, first.address, first.family);
  };
}

/** POSTs `body` and resolves with the response status; redirects are not followed. */
function post(url: URL, body: string, addresses: readonly LookupAddress[], signal: AbortSignal): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
      {
        // The host name stays in the Host header and the TLS server name, so certificates are checked against it.
        hostname: bareHost(url.hostname),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'Tandem' },
        lookup: pinnedTo(addresses),
        agent: false,
        signal,
      },
      (response) => {
        resolve(response.statusCode ?? 0);
        response.destroy();
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

function describeError(error: unknown, host: string, timeoutMs: number): string {
  const { name, code } = (error ?? {}) as { name?: string; code?: string };
  if (name === 'TimeoutError' || name === 'AbortError') return `No answer within ${timeoutMs / 1000} s`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENODATA') return `Could not resolve ${host} (${code})`;
  if (code) return `Could not connect (${code})`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * One POST of a webhook, with its own deadline; never throws. The host is resolved once, and
 * the attempt is refused (nothing sent) when any of its addresses is in a denied range the
 * allow-list does not open (a refusal is final: it is not retried); otherwise the connection goes to exactly those addresses. A 3xx
 * is recorded as a failure: following it would reach a place nobody checked. Every error
 * names the host only, never the URL's path or query, which may carry a token.
 */
export async function postWebhook(target: string, body: string, options: PostOptions): Promise<AttemptResult> {
  const started = performance.now();
  const outcome = (httpStatus: number | null, error: string | null): AttemptResult => ({ ok: error === null, httpStatus, error, durationMs: Math.round(performance.now() - started) });
  const failed = (error: string) => outcome(null, error);
  const refusedByTandem = (error: string): AttemptResult => ({ ...failed(error), final: true });
  let host = '(invalid URL)';
  try {
    const url = new URL(target);
    host = url.hostname;
    if (url.username !== '' || url.password !== '') return refusedByTandem(`The URL for ${host} carries a user name or password, which Tandem does not send`);
    const signal = AbortSignal.timeout(options.timeoutMs);
    const addresses = await resolveOnce(bareHost(host), signal);
    const refused = destinationRefusal(host, addresses.map((entry) => entry.address), await options.allowList());
    if (refused) return refusedByTandem(refused);
    const status = await post(url, body, addresses, signal);
    if (status >= 200 && status < 300) return outcome(status, null);
    return outcome(status, status >= 300 && status < 400 ? `HTTP ${status} (redirects are not followed)` : `HTTP ${status}`);
  } catch (error) {
    return failed(describeError(error, host, options.timeoutMs));
  }
}
