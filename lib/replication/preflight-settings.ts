import { primaryMajor, listenCovers, requiredReplicationSlots, requiredWalSenders, rewindUnsupported } from './primary-settings';
import { check, type PreflightCheck } from './preflight-types';
import type { SetupOptions, SetupSnapshot } from './setup-types';

function walLevelCheck(snapshot: SetupSnapshot): PreflightCheck {
  const level = snapshot.primary.facts?.cluster?.walLevel ?? null;
  if (level === 'replica' || level === 'logical') return check('wal-level', snapshot.primary.name, 'pass', `wal_level is ${level}`);
  return check('wal-level', snapshot.primary.name, 'warn', `wal_level is ${level ?? 'unknown'}; the plan sets it to replica`, 'Changing wal_level restarts the primary.');
}

function headroomChecks(snapshot: SetupSnapshot, options: SetupOptions): PreflightCheck[] {
  const { name, probe } = snapshot.primary;
  if (!probe) return [check('replication-headroom', name, 'fail', 'max_wal_senders, replication slots and the replication role on the primary were not read', 'Check the primary again while PostgreSQL runs.')];
  const senders = requiredWalSenders(snapshot);
  const slots = requiredReplicationSlots(snapshot, options.slots);
  return [
    probe.maxWalSenders >= senders
      ? check('max-wal-senders', name, 'pass', `max_wal_senders ${probe.maxWalSenders} ≥ ${senders} needed`)
      : check('max-wal-senders', name, 'warn', `max_wal_senders ${probe.maxWalSenders} < ${senders} needed (in use by others + replicas + 1 spare); the plan raises it`, 'Raising it restarts the primary.'),
    probe.maxReplicationSlots >= slots
      ? check('max-replication-slots', name, 'pass', `max_replication_slots ${probe.maxReplicationSlots} ≥ ${slots} needed`)
      : check('max-replication-slots', name, 'warn', `max_replication_slots ${probe.maxReplicationSlots} < ${slots} needed (in use by others + replicas + 1 spare); the plan raises it`, 'Raising it restarts the primary.'),
  ];
}

function listenCheck(snapshot: SetupSnapshot, options: SetupOptions): PreflightCheck {
  const { name, address } = snapshot.primary;
  const listen = snapshot.primary.facts?.cluster?.listenAddresses ?? null;
  if (listenCovers(listen, address)) return check('listen-addresses', name, 'pass', `listen_addresses '${listen}' covers ${address}`);
  const message = `listen_addresses '${listen ?? 'unknown'}' does not cover ${address}, the address replicas connect to`;
  return options.setListenAddresses
    ? check('listen-addresses', name, 'warn', `${message}; the plan adds it`, 'Changing listen_addresses restarts the primary.')
    : check('listen-addresses', name, 'fail', message, `Set listen_addresses to include ${address} (or allow Tandem to add it) and restart.`);
}

function rewindCheck(snapshot: SetupSnapshot, options: SetupOptions): PreflightCheck {
  const { name } = snapshot.primary;
  if (!rewindUnsupported(snapshot)) return check('rewind-ready', name, 'pass', 'Data checksums or wal_log_hints are on: pg_rewind can rejoin a former primary');
  return options.enableWalLogHints
    ? check('rewind-ready', name, 'warn', 'Data checksums and wal_log_hints are off; the plan turns wal_log_hints on', 'wal_log_hints needs a restart and adds some WAL after checkpoints.')
    : check('rewind-ready', name, 'warn', 'Data checksums and wal_log_hints are off: a former primary cannot rejoin with pg_rewind, only by a full copy', 'Allow Tandem to set wal_log_hints = on.');
}

function dangerChecks(snapshot: SetupSnapshot): PreflightCheck[] {
  const { name, probe } = snapshot.primary;
  if (!probe) return [];
  const danger: [string, string, string, string][] = [
    ['fsync', probe.fsync, 'fsync is off: a crash can corrupt the primary, and a corrupt primary streams corruption to its replicas', 'ALTER SYSTEM RESET fsync; SELECT pg_reload_conf();'],
    ['full-page-writes', probe.fullPageWrites, 'full_page_writes is off: torn pages after a crash cannot be repaired, and pg_rewind refuses to run', 'ALTER SYSTEM RESET full_page_writes; SELECT pg_reload_conf();'],
    ['synchronous-commit', probe.synchronousCommit, 'synchronous_commit is off: commits acknowledged to clients can be lost on a crash, on the primary and in failover', 'ALTER SYSTEM RESET synchronous_commit; SELECT pg_reload_conf();'],
  ];
  return danger.map(([id, value, message, hint]) => (value === 'off'
    ? check(id, name, 'warn', message, hint)
    : check(id, name, 'pass', `${id.replaceAll('-', '_')} is ${value}`)));
}

function optionChecks(snapshot: SetupSnapshot, options: SetupOptions): PreflightCheck[] {
  const { name } = snapshot.primary;
  const checks: PreflightCheck[] = [];
  if (options.tls) {
    checks.push(check('tls', name, 'pass', 'TLS: each member gets a certificate from Tandem\'s CA (key made on the host); replication and monitoring verify it (verify-full) over hostssl lines'));
  }
  if (options.passwordMethod === 'md5') {
    const message = primaryMajor(snapshot) >= 18
      ? 'PostgreSQL 18 deprecates md5 passwords (each md5 login logs a warning, and a later release removes them); scram-sha-256 is stronger'
      : 'md5 password authentication is deprecated and weaker than scram-sha-256';
    checks.push(check('password-method', null, 'warn', message, 'Use scram-sha-256 unless an old client needs md5.'));
  }
  if (options.slots && primaryMajor(snapshot) > 0 && primaryMajor(snapshot) < 13) {
    checks.push(check('slot-wal-bound', name, 'warn', 'max_slot_wal_keep_size does not exist before PostgreSQL 13: a slot of a lost replica retains WAL until the disk fills',
      'Watch retained WAL per slot, or drop the slot of a replica that is gone.'));
  }
  if (options.mode === 'sync' && snapshot.replicas.length === 1) {
    checks.push(check('sync-single', null, 'warn', 'Synchronous mode with one replica: commits on the primary wait while that replica is down', 'Add a second replica, or use asynchronous mode.'));
  }
  return checks;
}

/**
 * The primary's replication settings and headroom (warn where the plan fixes them with a
 * restart), listen_addresses, pg_rewind readiness, dangerous settings and option conflicts.
 */
export function settingsChecks(snapshot: SetupSnapshot, options: SetupOptions): PreflightCheck[] {
  if (!snapshot.primary.facts?.cluster) return [];
  return [
    walLevelCheck(snapshot),
    ...headroomChecks(snapshot, options),
    listenCheck(snapshot, options),
    rewindCheck(snapshot, options),
    ...dangerChecks(snapshot),
    ...optionChecks(snapshot, options),
  ];
}
