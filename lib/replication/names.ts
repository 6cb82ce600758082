import { z } from 'zod';
import { isValidRoleName, toSlotName } from '@/lib/pg/quote-ident';

/** A user-supplied or discovered value that may not reach a command, with where it came from. */
export interface FieldIssue {
  readonly field: string;
  readonly message: string;
}

const CLUSTER_NAME = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,55}$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6_GROUP = /^[0-9a-f]{1,4}$/;
const PATH = /^(\/[A-Za-z0-9._@+][A-Za-z0-9._@+-]*)+$/;
const SIZE = /^[1-9]\d{0,6}(kB|MB|GB|TB)$/;
const STAMP = /^\d{8}T\d{6}Z$/;
const TOKEN = /^[A-Za-z0-9_-]{8,64}$/;
const VERSION = /^\d+(\.\d+)?$/;

/** Slot names get this prefix so Tandem's slots are told apart from the DBA's own. */
export const SLOT_PREFIX = 'tandem_';

/** Cluster names mark pg_hba lines and passfiles: 1–40 lower-case letters, digits, `_`, `-`. */
export function isClusterName(value: string): boolean {
  return CLUSTER_NAME.test(value);
}

/** Host labels: letters, digits, `.`, `_`, `-`, starting with a letter or digit, at most 56 characters. */
/** The member a form names, shaped as a host name (else `missing`); whether the cluster has it is checked from the stored record, before any host is read. */
export const memberNameField = (missing: string) => z.string(missing).trim().min(1, missing).max(56, missing).refine(isHostName, missing);

export function isHostName(value: string): boolean {
  return HOST_NAME.test(value);
}

/** Dotted-quad IPv4 without leading zeros (which some parsers read as octal). */
export function isIpv4(value: string): boolean {
  return IPV4.test(value);
}

/** Lower-case IPv6 without a zone or embedded IPv4: eight groups, or fewer with one `::`. */
export function isIpv6(value: string): boolean {
  const halves = value.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  if (!groups.every((group) => IPV6_GROUP.test(group))) return false;
  return halves.length === 2 ? groups.length <= 7 : groups.length === 8;
}

/** Replica and primary addresses must be literal IPs: pg_hba needs an exact address, not a name. */
export function isIpAddress(value: string): boolean {
  return isIpv4(value) || isIpv6(value);
}

/** The single-host CIDR pg_hba wants for an address (`/32` or `/128`). */
export function hostCidr(address: string): string {
  if (isIpv4(address)) return `${address}/32`;
  if (isIpv6(address)) return `${address}/128`;
  throw new TypeError(`Not an IP address: ${JSON.stringify(address.slice(0, 80))}`);
}

/** Absolute path of plain segments: no `..`, `.`, empty or dash-led segment, no quotes, spaces or control characters. */
export function isSafePath(value: string): boolean {
  if (!PATH.test(value) || value.length > 1024) return false;
  return value.split('/').slice(1).every((segment) => segment !== '.' && segment !== '..');
}

/**
 * True for a server configuration file (pg_hba.conf, postgresql.conf) Tandem may read and
 * edit as root: a plain absolute path inside the cluster's data directory (the PGDATA-only
 * layout) or under `/etc/postgresql/` (Debian's). A server whose `hba_file` points anywhere
 * else (`/etc/shadow`, a home directory) is not followed.
 */
export function isServerConfigPath(file: string, dataDirectory: string): boolean {
  if (!isSafePath(file)) return false;
  const inside = (folder: string) => file.startsWith(folder.endsWith('/') ? folder : `${folder}/`);
  return inside('/etc/postgresql') || (isSafePath(dataDirectory) && inside(dataDirectory));
}

/** PostgreSQL size with a unit, as the size settings take it: `10GB`, `512MB`. */
export function isSizeSetting(value: string): boolean {
  return SIZE.test(value);
}

/** The operation stamp in moved-aside directory names: `YYYYMMDDTHHMMSSZ`. */
export function isStamp(value: string): boolean {
  return STAMP.test(value);
}

/** The canary token: 8–64 URL-safe characters. */
export function isCanaryToken(value: string): boolean {
  return TOKEN.test(value);
}

/** Major version from a discovered cluster version (`15`, `9.6` → 9); null when unreadable. */
export function majorVersion(version: string): number | null {
  if (!VERSION.test(version)) return null;
  return Number(version.split('.')[0]);
}

/** Application and slot name a replica gets, derived from its host label. */
export interface ReplicaNames {
  readonly applicationName: string;
  readonly slotName: string;
}

/**
 * Derives the names a replica is known by on the primary. Only call it on labels that
 * passed {@link isHostName}, so the derived names are `[a-z0-9_]` and never need quoting;
 * the slot name is prefixed so headroom counts can tell Tandem's slots apart.
 */
export function replicaNames(hostName: string): ReplicaNames {
  const applicationName = toSlotName(hostName);
  return { applicationName, slotName: `${SLOT_PREFIX}${applicationName}`.slice(0, 63) };
}

/** Role names Tandem will create or update for replication (never an existing admin role). */
export function checkRoleName(value: string): string | null {
  if (value === 'postgres') return 'the postgres superuser cannot be the replication role';
  if (!isValidRoleName(value)) return 'use 1–63 lower-case letters, digits or _, not starting with a digit or pg_';
  return null;
}
