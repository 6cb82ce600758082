import { BlockList, isIP } from 'node:net';

const MAX_TEXT = 100;

/** The eight 16-bit groups of an IPv6 address Node accepts (`::`, an embedded IPv4 tail). */
function groupsOf(address: string): number[] {
  const [head = '', tail] = address.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':')).flatMap((group) => {
    if (!group.includes('.')) return [parseInt(group, 16)];
    const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
    return [(a << 8) | b, (c << 8) | d];
  });
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/** RFC 5952 text for eight groups: lower-case, the longest run of zero groups (two or more) as `::`. */
function textOf(groups: number[]): string {
  let best = { start: -1, length: 0 };
  for (let start = 0; start < 8; start += 1) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === 0) length += 1;
    if (length > best.length) best = { start, length };
  }
  const hex = groups.map((group) => group.toString(16));
  if (best.length < 2) return hex.join(':');
  return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`;
}

/**
 * One spelling per address, or null when `text` is not one: brackets, a port and an IPv6
 * zone are dropped, IPv6 is written the RFC 5952 way and an IPv4-mapped IPv6 address
 * (`::ffff:192.0.2.1`, what a dual-stack socket reports) becomes its IPv4 address. Throttle
 * keys and audit records compare these strings, so two spellings must not count twice.
 */
export function normalizeAddress(text: string): string | null {
  if (text.length > MAX_TEXT) return null;
  const trimmed = text.trim();
  const unwrapped = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(trimmed)?.[1] ?? /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(trimmed)?.[1] ?? trimmed;
  const bare = unwrapped.split('%')[0] ?? '';
  const family = isIP(bare);
  if (family === 4) return bare;
  if (family !== 6) return null;
  const groups = groupsOf(bare.toLowerCase());
  const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  if (!mapped) return textOf(groups);
  const [high = 0, low = 0] = groups.slice(6);
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** An address and its prefix length from `a.b.c.d[/n]` or `v6[/n]`, or null when it is neither. */
function parseRange(entry: string): { address: string; family: 'ipv4' | 'ipv6'; prefix: number } | null {
  const [text = '', prefixText, extra] = entry.trim().split('/');
  const address = extra === undefined ? normalizeAddress(text) : null;
  if (!address || text.includes('[')) return null;
  const family = isIP(address) === 4 ? 'ipv4' : 'ipv6';
  const bits = family === 'ipv4' ? 32 : 128;
  if (prefixText === undefined) return { address, family, prefix: bits };
  const prefix = /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  return prefix >= 0 && prefix <= bits ? { address, family, prefix } : null;
}

/** Whether `entry` is an IPv4 or IPv6 address or CIDR range (the form TANDEM_TRUSTED_PROXIES takes). */
export function isAddressOrRange(entry: string): boolean {
  return parseRange(entry) !== null;
}

/** A test for "is this address in one of `entries`" (addresses or CIDR ranges, already checked with `isAddressOrRange`). */
export function addressMatcher(entries: readonly string[]): (address: string) => boolean {
  const list = new BlockList();
  for (const range of entries.map(parseRange)) if (range) list.addSubnet(range.address, range.prefix, range.family);
  return (address) => {
    const normal = normalizeAddress(address);
    return normal !== null && list.check(normal, isIP(normal) === 4 ? 'ipv4' : 'ipv6');
  };
}

/**
 * The network a throttle counts an address under: an IPv4 address itself, an IPv6 address's
 * /64 (one subscriber usually holds a whole /64, so counting single IPv6 addresses would
 * let one client rotate through billions of them).
 */
export function throttleNetwork(address: string): string {
  const normal = normalizeAddress(address);
  if (normal === null || isIP(normal) === 4) return normal ?? address;
  return `${textOf([...groupsOf(normal).slice(0, 4), 0, 0, 0, 0])}/64`;
}
