import { isHostName, isIpv4, isIpv6, majorVersion, replicaNames } from './names';
import type { SetupOptions, SetupSnapshot } from './setup-types';

/** One `ALTER SYSTEM SET` the plan applies on the primary, and why. */
export interface SettingChange {
  readonly name: string;
  readonly value: string;
  /** True for postmaster-context settings: they take effect only after a restart. */
  readonly restart: boolean;
  readonly reason: string;
}

const UNIT_BYTES: Readonly<Record<string, number>> = { kB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 };
const WAL_SEGMENT_BYTES = 16 * 1024 ** 2;

/** Bytes in a validated size setting (`10GB`). */
export function sizeToBytes(size: string): number {
  const match = /^(\d+)(kB|MB|GB|TB)$/.exec(size);
  const unit = match?.[2];
  if (!match?.[1] || !unit) throw new TypeError(`Not a size setting: ${JSON.stringify(size)}`);
  return Number(match[1]) * (UNIT_BYTES[unit] ?? 0);
}

/**
 * True when a replica connecting to `address` reaches a server with this
 * `listen_addresses`: `*`, the wildcard of the address's family, or the address itself.
 * Host names in the list cannot be resolved here and do not count.
 */
export function listenCovers(listenAddresses: string | null, address: string): boolean {
  if (listenAddresses === null) return false;
  const entries = listenAddresses.split(',').map((entry) => entry.trim());
  return entries.some((entry) => entry === '*' || entry === address || (entry === '0.0.0.0' && isIpv4(address)) || (entry === '::' && isIpv6(address)));
}

/** The primary's major version; planning only happens after validation proved it readable. */
export function primaryMajor(snapshot: SetupSnapshot): number {
  return majorVersion(snapshot.primary.facts?.cluster?.version ?? '') ?? 0;
}

/** Walsenders the finished cluster needs: other walsenders + one per replica + one spare. */
export function requiredWalSenders(snapshot: SetupSnapshot): number {
  const ours = new Set(snapshot.replicas.filter((replica) => isHostName(replica.name)).map((replica) => replicaNames(replica.name).applicationName));
  const others = (snapshot.primary.probe?.walSenderNames ?? []).filter((name) => !ours.has(name)).length;
  return others + snapshot.replicas.length + 1;
}

/**
 * Slots the finished cluster needs: other slots + one per replica (with slots) + one
 * spare, which also covers the temporary slot `pg_basebackup -X stream` makes without `-S`.
 */
export function requiredReplicationSlots(snapshot: SetupSnapshot, slots: boolean): number {
  const ours = new Set(snapshot.replicas.filter((replica) => isHostName(replica.name)).map((replica) => replicaNames(replica.name).slotName));
  const others = (snapshot.primary.probe?.slotNames ?? []).filter((name) => !(slots && ours.has(name))).length;
  return others + (slots ? snapshot.replicas.length : 0) + 1;
}

/** True when discovery saw neither data checksums nor wal_log_hints, so pg_rewind could not run. */
export function rewindUnsupported(snapshot: SetupSnapshot): boolean {
  const cluster = snapshot.primary.facts?.cluster;
  return cluster?.dataChecksums !== true && cluster?.walLogHints !== true;
}

/**
 * How a server of `major` is told to keep at least `size` of recent WAL: `wal_keep_size`
 * from PostgreSQL 13, `wal_keep_segments` (16 MB segments) before it.
 */
export function walKeepSetting(major: number, size: string): { readonly name: 'wal_keep_size' | 'wal_keep_segments'; readonly value: string } {
  if (major >= 13) return { name: 'wal_keep_size', value: size };
  return { name: 'wal_keep_segments', value: String(Math.max(1, Math.ceil(sizeToBytes(size) / WAL_SEGMENT_BYTES))) };
}

function walRetention(snapshot: SetupSnapshot, options: SetupOptions, major: number): SettingChange[] {
  if (options.slots) {
    if (major < 13) return [];
    return [{ name: 'max_slot_wal_keep_size', value: options.maxSlotWalKeepSize, restart: false, reason: 'bounds the WAL a slot may hold when its replica is gone' }];
  }
  const keep = walKeepSetting(major, options.walKeepSize);
  return [{ ...keep, restart: false, reason: keep.name === 'wal_keep_size' ? 'keeps WAL for replicas that briefly fall behind (no slots)' : `keeps ${options.walKeepSize} of WAL for replicas that briefly fall behind (no slots)` }];
}

/**
 * The settings the plan changes on the primary, each only when the current value does
 * not already satisfy replication, so a re-run on a configured primary changes nothing.
 * `synchronous_standby_names` is not here: it is set only after the replicas stream (see
 * the sync step), because setting it earlier would block every commit on the primary.
 * Requires a validated snapshot with primary facts and probe.
 */
export function primarySettingChanges(snapshot: SetupSnapshot, options: SetupOptions): SettingChange[] {
  const cluster = snapshot.primary.facts?.cluster;
  const probe = snapshot.primary.probe;
  const major = primaryMajor(snapshot);
  const changes: SettingChange[] = [];
  if (cluster?.walLevel !== 'replica' && cluster?.walLevel !== 'logical') {
    changes.push({ name: 'wal_level', value: 'replica', restart: true, reason: `wal_level is ${cluster?.walLevel ?? 'unknown'}; streaming needs replica` });
  }
  const senders = requiredWalSenders(snapshot);
  if ((probe?.maxWalSenders ?? 0) < senders) {
    changes.push({ name: 'max_wal_senders', value: String(senders), restart: true, reason: `${senders} needed: walsenders in use by others + one per replica + one spare` });
  }
  const slots = requiredReplicationSlots(snapshot, options.slots);
  if ((probe?.maxReplicationSlots ?? 0) < slots) {
    changes.push({ name: 'max_replication_slots', value: String(slots), restart: true, reason: `${slots} needed: slots in use by others + one per replica + one spare` });
  }
  changes.push(...walRetention(snapshot, options, major));
  if (options.setListenAddresses && !listenCovers(cluster?.listenAddresses ?? null, snapshot.primary.address)) {
    const current = cluster?.listenAddresses?.trim() || 'localhost';
    changes.push({ name: 'listen_addresses', value: `${current},${snapshot.primary.address}`, restart: true, reason: `replicas connect to ${snapshot.primary.address}, which listen_addresses does not cover` });
  }
  if (options.enableWalLogHints && rewindUnsupported(snapshot)) {
    changes.push({ name: 'wal_log_hints', value: 'on', restart: true, reason: 'data checksums are off; pg_rewind needs wal_log_hints to rejoin a former primary' });
  }
  return changes;
}
