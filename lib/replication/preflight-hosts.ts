import { formatBytes } from '@/lib/format/bytes';
import { isHostName, majorVersion, replicaNames } from './names';
import { check, type PreflightCheck } from './preflight-types';
import type { SetupHost, SetupOptions, SetupReplica, SetupSnapshot } from './setup-types';

const GIB = 1024 ** 3;

/** Headroom asked of a replica's disk beyond the primary's size: 10 % for growth during the copy plus 1 GiB for WAL streamed alongside. */
export function requiredReplicaBytes(primaryDatabaseBytes: number): number {
  return Math.ceil(primaryDatabaseBytes * 1.1) + GIB;
}

/**
 * Fails a host whose last discovery failed, with the real cause first (a sudo that wants a
 * password, a changed host key with both fingerprints, no answer, no cluster on the port):
 * the discovery error's own sentence and fix. Otherwise the host key must be pinned.
 */
export function accessChecks(host: SetupHost): PreflightCheck[] {
  if (host.discoveryProblem) return [check('ssh', host.name, 'fail', host.discoveryProblem.message, host.discoveryProblem.hint)];
  return [
    host.hostKeyPinned
      ? check('host-key', host.name, 'pass', 'SSH host key is pinned')
      : check('host-key', host.name, 'fail', 'SSH host key is not pinned', 'Open the host page and accept its host key fingerprint.'),
    host.facts
      ? check('ssh', host.name, 'pass', 'SSH login and discovery succeeded')
      : check('ssh', host.name, 'fail', 'The last discovery over SSH failed', 'Fix the SSH login or sudo rights, then run "Check host" again.'),
  ];
}

/** Whether preflight may judge a host by its facts: checks of an undiscovered host would only repeat its access failure in other words. */
function discovered(host: SetupHost): boolean {
  return host.discoveryProblem === null && host.facts !== null;
}

/** Streaming replication needs the same major version everywhere, and Tandem supports 10 and later; hosts not discovered are left to their access check. */
export function versionCheck(snapshot: SetupSnapshot): PreflightCheck[] {
  if (!discovered(snapshot.primary)) return [];
  const primary = snapshot.primary.facts?.cluster?.version;
  const major = majorVersion(primary ?? '');
  if (major === null) return [check('version', snapshot.primary.name, 'fail', 'The primary\'s PostgreSQL version is unknown', 'Run "Check host" on the primary while PostgreSQL runs.')];
  if (major < 10) return [check('version', snapshot.primary.name, 'fail', `PostgreSQL ${primary} is older than 10, which Tandem supports`, 'Upgrade the cluster to PostgreSQL 10 or later.')];
  const different = snapshot.replicas.filter((replica) => discovered(replica) && majorVersion(replica.facts?.cluster?.version ?? '') !== major);
  if (different.length > 0) {
    const list = different.map((replica) => `${replica.name} (${replica.facts?.cluster?.version ?? 'none'})`).join(', ');
    return [check('version', null, 'fail', `Major versions differ: primary ${major}, ${list}`, `Install PostgreSQL ${major} on every replica and make it the managed cluster.`)];
  }
  const pending = snapshot.replicas.length - snapshot.replicas.filter(discovered).length;
  return [check('version', null, 'pass', pending > 0 ? `Every discovered host runs PostgreSQL ${major}` : `Every host runs PostgreSQL ${major}`)];
}

/** The primary must run, accept writes (not in recovery) and have a known pg_hba file to edit. */
export function primaryStateChecks(snapshot: SetupSnapshot): PreflightCheck[] {
  const { name } = snapshot.primary;
  const cluster = snapshot.primary.facts?.cluster;
  if (!discovered(snapshot.primary)) return [];
  if (!cluster) return [check('primary-running', name, 'fail', 'No PostgreSQL cluster found on the primary', 'Install PostgreSQL and run "Check host" again.')];
  return [
    cluster.running
      ? check('primary-running', name, 'pass', 'PostgreSQL is running')
      : check('primary-running', name, 'fail', 'PostgreSQL is not running on the primary', 'Start it (e.g. systemctl start postgresql) and run "Check host" again.'),
    cluster.inRecovery === false
      ? check('primary-not-in-recovery', name, 'pass', 'The primary is not in recovery')
      : check('primary-not-in-recovery', name, 'fail', cluster.inRecovery ? 'The chosen primary is itself a standby (in recovery)' : 'Whether the primary is in recovery is unknown',
        'Choose the host that accepts writes as the primary.'),
    cluster.hbaFile
      ? check('primary-hba-file', name, 'pass', `pg_hba file: ${cluster.hbaFile}`)
      : check('primary-hba-file', name, 'fail', 'The primary\'s pg_hba.conf location is unknown', 'Run "Check host" while PostgreSQL runs so SHOW hba_file can be read.'),
  ];
}

function existingDataCheck(replica: SetupReplica, options: SetupOptions): PreflightCheck {
  const cluster = replica.facts?.cluster;
  const dir = cluster?.dataDirectory ?? '';
  const recovery = cluster?.inRecovery ? ' It is currently a standby; it will be cloned again.' : '';
  if (options.existingData === 'delete') {
    return check('replica-existing-data', replica.name, 'warn', `The data directory ${dir} will be deleted permanently.${recovery}`, 'Choose "move aside" to keep a copy.');
  }
  return check('replica-existing-data', replica.name, recovery ? 'warn' : 'pass', `The data directory ${dir} will be moved to ${dir}.tandem-${options.stamp}.${recovery}`,
    'The moved copy uses disk until you remove it.');
}

function diskCheck(replica: SetupReplica, primaryBytes: number | null): PreflightCheck {
  const free = replica.facts?.cluster?.disk?.freeBytes;
  if (primaryBytes === null || free === undefined) {
    return check('disk', replica.name, 'warn', 'Free disk space could not be compared with the primary\'s size', 'Run "Check host" on both hosts while PostgreSQL runs.');
  }
  const needed = requiredReplicaBytes(primaryBytes);
  const summary = `${formatBytes(free)} free; the copy needs ${formatBytes(needed)} (primary ${formatBytes(primaryBytes)} + 10 % + 1 GiB)`;
  return free >= needed
    ? check('disk', replica.name, 'pass', summary)
    : check('disk', replica.name, 'fail', summary, 'Free space on the replica\'s data volume or grow it.');
}

function reachCheck(replica: SetupReplica, snapshot: SetupSnapshot, listenWillChange: boolean): PreflightCheck {
  const target = `${snapshot.primary.address}:${snapshot.primary.facts?.cluster?.port ?? 5432}`;
  const code = replica.probe?.pgIsReadyExitCode ?? null;
  if (code === 0) return check('reach-primary', replica.name, 'pass', `pg_isready reaches the primary at ${target}`);
  if (code === 1) return check('reach-primary', replica.name, 'warn', `The primary at ${target} answered but is rejecting connections (starting up?)`, 'Wait for the primary to finish starting and check again.');
  if (code === 2 && listenWillChange) {
    return check('reach-primary', replica.name, 'warn', `No answer from ${target}; expected until listen_addresses changes`, 'The plan checks again after the primary restarts.');
  }
  if (code === 2) return check('reach-primary', replica.name, 'fail', `No answer from the primary at ${target}`, 'Open the PostgreSQL port between the hosts (firewall, listen_addresses).');
  return check('reach-primary', replica.name, 'fail', code === null ? 'pg_isready could not be run on the replica' : `pg_isready failed with exit code ${code}`,
    'Install the PostgreSQL client on the replica and check again.');
}

/**
 * A replica needs a cluster of its own (its config and service stay), room for the copy,
 * and a path to the primary's port; also states what happens to its current data.
 */
export function replicaChecks(replica: SetupReplica, snapshot: SetupSnapshot, options: SetupOptions, listenWillChange: boolean): PreflightCheck[] {
  const cluster = replica.facts?.cluster;
  if (!discovered(replica)) return [];
  if (!cluster) {
    return [check('replica-cluster', replica.name, 'fail', 'No PostgreSQL cluster found on this replica', 'Install the primary\'s PostgreSQL version (e.g. apt install postgresql-15) and check again.')];
  }
  const checks = [
    check('replica-cluster', replica.name, 'pass', `PostgreSQL ${cluster.version} cluster at ${cluster.dataDirectory} (application name ${isHostName(replica.name) ? replicaNames(replica.name).applicationName : 'invalid'})`),
    existingDataCheck(replica, options),
    diskCheck(replica, snapshot.primary.facts?.cluster?.databaseBytes ?? null),
    reachCheck(replica, snapshot, listenWillChange),
  ];
  if (cluster.parentWritable === false) {
    const parent = cluster.dataDirectory.replace(/\/[^/]+\/?$/, '') || '/';
    checks.push(check('replica-passfile-dir', replica.name, 'fail', `postgres cannot write in ${parent}, where Tandem keeps the replication passfile beside the data directory`,
      `Make ${parent} postgres's (chown postgres ${parent}), as Debian's and PGDG's packages do, and check again.`));
  }
  if (!cluster.hbaFile) {
    checks.push(check('replica-hba-file', replica.name, 'warn', 'pg_hba.conf location unknown: lines for a later role reversal will not be added', 'Run "Check host" while PostgreSQL runs.'));
  }
  return checks;
}
