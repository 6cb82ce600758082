import { z } from 'zod';
import { quoteForMessage } from '@/lib/format/quote';

/**
 * Where a webhook may be sent. Tandem posts to URLs an admin typed, so without a rule the
 * server could be made to reach itself, the cloud metadata service or other private
 * services. Addresses in the denied ranges are refused unless the allow-list opens their
 * network or names the host. Pure: resolving names and connecting are in webhook-post.ts.
 */

/** An IP address as one number (32 bits for IPv4, 128 for IPv6). */
export interface IpAddress {
  readonly family: 4 | 6;
  readonly value: bigint;
}

export interface Network {
  readonly family: 4 | 6;
  readonly base: bigint;
  readonly prefix: number;
}

const BITS = { 4: 32, 6: 128 } as const;

/** Dotted decimal only (URLs and resolvers hand addresses over in this form); leading zeros would be read as octal elsewhere, so they are refused. */
function parseIpv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^(0|[1-9]\d{0,2})$/.test(part) && Number(part) <= 255)) return null;
  return parts.reduce((value, part) => (value << 8n) | BigInt(part), 0n);
}

/** The 16-bit groups of one side of `::`; the address's last group may be an IPv4 address (::ffff:127.0.0.1). */
function hexGroups(side: string, endsAddress: boolean): number[] | null {
  if (side === '') return [];
  const parts = side.split(':');
  const groups: number[] = [];
  for (const [index, part] of parts.entries()) {
    const v4 = endsAddress && index === parts.length - 1 && part.includes('.') ? parseIpv4(part) : null;
    if (v4 !== null) groups.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
    else if (/^[0-9a-f]{1,4}$/i.test(part)) groups.push(parseInt(part, 16));
    else return null;
  }
  return groups;
}

/** An IPv6 address without zone (a zone names an interface of this machine: never a webhook's). */
function parseIpv6(text: string): bigint | null {
  const sides = text.split('::');
  if (sides.length > 2) return null;
  const head = hexGroups(sides[0] ?? '', sides.length === 1);
  const tail = sides.length === 2 ? hexGroups(sides[1] ?? '', true) : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (sides.length === 1 ? missing !== 0 : missing < 1) return null;
  return [...head, ...Array<number>(sides.length === 2 ? missing : 0).fill(0), ...tail].reduce((value, group) => (value << 16n) | BigInt(group), 0n);
}

/**
 * An IP address written as a URL's host or a resolver's answer ([brackets] allowed), or null.
 * An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is read as its IPv4 address, as the kernel
 * would connect to it.
 */
export function parseIp(text: string): IpAddress | null {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (!bare.includes(':')) {
    const v4 = parseIpv4(bare);
    return v4 === null ? null : { family: 4, value: v4 };
  }
  const v6 = parseIpv6(bare);
  if (v6 === null) return null;
  return v6 >> 32n === 0xffffn ? { family: 4, value: v6 & 0xffffffffn } : { family: 6, value: v6 };
}

function inNetwork(network: Network, address: IpAddress): boolean {
  const shift = BigInt(BITS[network.family] - network.prefix);
  return network.family === address.family && address.value >> shift === network.base >> shift;
}

/** `10.0.0.0/8`, `fd00::/8`, or one address; what is wrong with it otherwise. */
function parseNetwork(text: string): Network | { problem: string } {
  const [address, prefixText, extra] = text.split('/');
  const ip = parseIp(address ?? '');
  if (!ip || extra !== undefined || prefixText === '') return { problem: `${quoteForMessage(text)} is not an IP address or a network such as 10.0.0.0/8` };
  const bits = BITS[ip.family];
  const prefix = prefixText === undefined ? bits : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : Number.NaN;
  if (!(prefix <= bits)) return { problem: `${quoteForMessage(text)}: an IPv${ip.family} prefix is /0 to /${bits}` };
  if (ip.value & ((1n << BigInt(bits - prefix)) - 1n)) return { problem: `${quoteForMessage(text)}: the address has bits set beyond the /${prefix}; write the network's first address` };
  return { family: ip.family, base: ip.value, prefix };
}

function network(cidr: string): Network {
  const parsed = parseNetwork(cidr);
  if ('problem' in parsed) throw new Error(parsed.problem);
  return parsed;
}

interface DeniedRange {
  readonly cidr: string;
  readonly network: Network;
  readonly what: string;
}

/** First match names the range: broadcast comes before the reserved block that holds it. */
const DENIED_RANGES: readonly DeniedRange[] = (
  [
    ['0.0.0.0/8', 'a "this network" address'],
    ['10.0.0.0/8', 'a private address'],
    ['100.64.0.0/10', 'a shared (CGNAT) address'],
    ['127.0.0.0/8', 'a loopback address'],
    ['169.254.0.0/16', 'a link-local address (where cloud metadata answers)'],
    ['172.16.0.0/12', 'a private address'],
    ['192.168.0.0/16', 'a private address'],
    ['224.0.0.0/4', 'a multicast address'],
    ['255.255.255.255/32', 'the broadcast address'],
    ['240.0.0.0/4', 'a reserved address'],
    ['::/128', 'the unspecified address'],
    ['::1/128', 'a loopback address'],
    ['fc00::/7', 'a unique local (private) address'],
    ['fe80::/10', 'a link-local address'],
    ['ff00::/8', 'a multicast address'],
  ] as const
).map(([cidr, what]) => ({ cidr, network: network(cidr), what }));

/** What an admin allows despite the denied ranges: networks (or single addresses), and host names whatever they resolve to. */
export interface AllowList {
  readonly networks: readonly Network[];
  readonly hosts: readonly string[];
}

const LABEL = /^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/;
/** A last label in digits (or 0x…) makes the whole name an IPv4 address to a URL parser (http://0x7f.1/). */
const NUMERIC_LABEL = /^(\d+|0x[0-9a-f]*)$/;

/** A URL's host name without the brackets of an IPv6 address, as resolvers and sockets take it. */
export const bareHost = (hostname: string): string => hostname.replace(/^\[|\]$/g, '');

const hostKey = (host: string): string => bareHost(host.toLowerCase()).replace(/\.$/, '');

/** One allow-list entry, normalized, or what is wrong with it. */
function allowEntry(text: string): { network: Network; text: string } | { host: string; text: string } | { problem: string } {
  // Checked before lower-casing, which maps look-alikes such as the Kelvin sign onto ASCII letters.
  if (!/^[\x21-\x7e]*$/.test(text.trim())) return { problem: `${quoteForMessage(text)} has characters no address or host name has` };
  const entry = text.trim().toLowerCase();
  if (entry.includes('/') || entry.includes(':') || parseIp(entry)) {
    const parsed = parseNetwork(entry);
    return 'problem' in parsed ? parsed : { network: parsed, text: entry };
  }
  const host = hostKey(entry);
  const labels = host.split('.');
  if (NUMERIC_LABEL.test(labels.at(-1) ?? '')) return { problem: `${quoteForMessage(text)}: write an address in dotted decimal (10.0.0.5) or a network (10.0.0.0/8)` };
  if (host.length > 253 || !labels.every((label) => LABEL.test(label))) return { problem: `${quoteForMessage(text)} is not an IP address, a network (10.0.0.0/8) or a host name` };
  return { host, text: host };
}

/** An allow-list entry as an admin types it: normalized (lower case, no trailing dot) when it is valid. */
export const allowEntrySchema = z.string().transform((text, ctx) => {
  const entry = allowEntry(text);
  if ('problem' in entry) {
    ctx.addIssue({ code: 'custom', message: entry.problem });
    return z.NEVER;
  }
  return entry.text;
});

/** The allow-list of entries already checked by `allowEntrySchema` (one that is not is left out). */
export function allowListFrom(entries: readonly string[]): AllowList {
  const parsed = entries.map(allowEntry);
  return {
    networks: parsed.flatMap((entry) => ('network' in entry ? [entry.network] : [])),
    hosts: parsed.flatMap((entry) => ('host' in entry ? [entry.host] : [])),
  };
}

const ALLOW_HINT = 'add it to the webhook allow-list in Settings to send webhooks there';

/**
 * Why a webhook to `host` may not go to `addresses` (what the host resolved to, or the host
 * itself when it is an IP address), or null when it may. One address in a denied range that
 * the allow-list does not open refuses them all, unless the allow-list names the host.
 * The text names the host and the address, never the URL (its path may carry a token).
 */
export function destinationRefusal(host: string, addresses: readonly string[], allow: AllowList): string | null {
  if (allow.hosts.includes(hostKey(host))) return null;
  if (addresses.length === 0) return `${host} resolves to no address`;
  for (const text of addresses) {
    const address = parseIp(text);
    if (!address) return `${host} resolves to ${text}, which is not an IP address Tandem can judge`;
    if (allow.networks.some((allowed) => inNetwork(allowed, address))) continue;
    const denied = DENIED_RANGES.find((range) => inNetwork(range.network, address));
    if (denied) return `${text === bareHost(host) ? `${host} is` : `${host} resolves to ${text},`} ${denied.what} (${denied.cidr}); ${ALLOW_HINT}`;
  }
  return null;
}

/** The refusal of a webhook URL whose host is an IP address, at create or update (a host name is judged when sending, once resolved). */
export function literalRefusal(url: string, allow: AllowList): string | null {
  const host = new URL(url).hostname;
  return parseIp(host) ? destinationRefusal(host, [bareHost(host)], allow) : null;
}
