import type { ManagedClusterFacts, ServiceControl } from '@/lib/discovery/facts';
import {
  checkRoleName, isCanaryToken, isClusterName, isHostName, isIpAddress, isSafePath, isSizeSetting, isStamp, majorVersion,
  replicaNames, type FieldIssue,
} from './names';
import type { SetupHost, SetupOptions, SetupSnapshot } from './setup-types';
import { quoteForMessage } from '@/lib/format/quote';

const UNIT = /^[A-Za-z0-9][A-Za-z0-9@._-]{0,127}$/;
const CLUSTER = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const LISTEN = /^[A-Za-z0-9.:*,% _-]{0,255}$/;

function controlIssues(control: ServiceControl, field: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (control.kind === 'systemd' && !UNIT.test(control.unit)) issues.push({ field: `${field}.unit`, message: `systemd unit ${quoteForMessage(control.unit)} is not a plain unit name` });
  if (control.kind === 'pg_ctlcluster') {
    if (majorVersion(control.version) === null) issues.push({ field: `${field}.version`, message: `cluster version ${quoteForMessage(control.version)} is not a version number` });
    if (!CLUSTER.test(control.name)) issues.push({ field: `${field}.name`, message: `cluster name ${quoteForMessage(control.name)} is not a plain name` });
  }
  if (control.kind === 'pg_ctl' && !isSafePath(control.dataDirectory)) issues.push({ field: `${field}.dataDirectory`, message: `data directory ${quoteForMessage(control.dataDirectory)} is not a plain absolute path` });
  if (control.kind !== 'pg_ctlcluster' && control.binDirectory !== undefined && !isSafePath(control.binDirectory)) {
    issues.push({ field: `${field}.binDirectory`, message: `binary directory ${quoteForMessage(control.binDirectory)} is not a plain absolute path` });
  }
  return issues;
}

function clusterIssues(cluster: ManagedClusterFacts, field: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (majorVersion(cluster.version) === null) issues.push({ field: `${field}.version`, message: `version ${quoteForMessage(cluster.version)} is not a version number` });
  if (!Number.isInteger(cluster.port) || cluster.port < 1 || cluster.port > 65_535) issues.push({ field: `${field}.port`, message: `port ${cluster.port} is not a TCP port` });
  if (!isSafePath(cluster.dataDirectory)) {
    issues.push({ field: `${field}.dataDirectory`, message: `data directory ${quoteForMessage(cluster.dataDirectory)} must be a plain absolute path (no spaces, quotes, .. or leading -)` });
  }
  if (cluster.hbaFile !== null && !isSafePath(cluster.hbaFile)) {
    issues.push({ field: `${field}.hbaFile`, message: `pg_hba file ${quoteForMessage(cluster.hbaFile)} must be a plain absolute path` });
  }
  if (cluster.listenAddresses !== null && !LISTEN.test(cluster.listenAddresses)) {
    issues.push({ field: `${field}.listenAddresses`, message: `listen_addresses ${quoteForMessage(cluster.listenAddresses)} holds characters Tandem does not copy into a config line` });
  }
  return [...issues, ...controlIssues(cluster.control, `${field}.control`)];
}

function hostIssues(host: SetupHost, field: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!isHostName(host.name)) {
    issues.push({ field: `${field}.name`, message: `host name ${quoteForMessage(host.name)} must be 1–56 letters, digits, '.', '_' or '-', starting with a letter or digit` });
  }
  if (!isIpAddress(host.address)) {
    issues.push({ field: `${field}.address`, message: `address ${quoteForMessage(host.address)} must be an IPv4 or lower-case IPv6 address (pg_hba needs an exact address)` });
  }
  if (host.facts?.cluster) issues.push(...clusterIssues(host.facts.cluster, `${field}.facts.cluster`));
  return issues;
}

/** The DBA's own choices, checked before any host is contacted. */
export function optionIssues(options: SetupOptions): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!isClusterName(options.clusterName)) {
    issues.push({ field: 'clusterName', message: `cluster name ${quoteForMessage(options.clusterName)} must be 1–40 lower-case letters, digits, '_' or '-', starting with a letter or digit` });
  }
  const role = checkRoleName(options.roleName);
  if (role) issues.push({ field: 'roleName', message: `role name ${quoteForMessage(options.roleName)}: ${role}` });
  if (!isSizeSetting(options.maxSlotWalKeepSize)) issues.push({ field: 'maxSlotWalKeepSize', message: `${quoteForMessage(options.maxSlotWalKeepSize)} must be a size like 10GB (kB, MB, GB or TB)` });
  const rate = options.baseBackupMaxRateKb;
  if (rate !== null && (!Number.isInteger(rate) || rate < 32 || rate > 1_048_576)) {
    issues.push({ field: 'baseBackupMaxRateKb', message: 'the base backup rate limit must be a whole number of kB/s from 32 to 1048576 (pg_basebackup --max-rate)' });
  }
  if (!isSizeSetting(options.walKeepSize)) issues.push({ field: 'walKeepSize', message: `${quoteForMessage(options.walKeepSize)} must be a size like 1GB (kB, MB, GB or TB)` });
  if (!isStamp(options.stamp)) issues.push({ field: 'stamp', message: `${quoteForMessage(options.stamp)} must look like 20261103T101500Z` });
  if (!isCanaryToken(options.canaryToken)) issues.push({ field: 'canaryToken', message: 'the canary token must be 8–64 letters, digits, _ or -' });
  return issues;
}

function nameClashes(snapshot: SetupSnapshot): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seenNames = new Map<string, number>();
  const seenAddresses = new Set<string>([snapshot.primary.address]);
  snapshot.replicas.forEach((replica, index) => {
    if (seenAddresses.has(replica.address)) {
      issues.push({ field: `replicas[${index}].address`, message: `address ${replica.address} is used by another host of this cluster` });
    }
    seenAddresses.add(replica.address);
    if (!isHostName(replica.name)) return;
    const { applicationName } = replicaNames(replica.name);
    const earlier = seenNames.get(applicationName);
    if (earlier !== undefined) {
      issues.push({ field: `replicas[${index}].name`, message: `host name ${quoteForMessage(replica.name)} gives the same application name (${applicationName}) as replicas[${earlier}]; rename one host` });
    } else {
      seenNames.set(applicationName, index);
    }
  });
  return issues;
}

/**
 * Refuses every value that would reach a command, SQL text or config line unless it
 * matches a strict pattern, naming the field it came from. Runs before any plan is built;
 * an empty result is what {@link planSetup} requires. Values that pass are still quoted
 * by `sh`, `quoteIdent` or psql parameters where they are used.
 */
export function validateSetup(snapshot: SetupSnapshot, options: SetupOptions): FieldIssue[] {
  return [
    ...optionIssues(options),
    ...hostIssues(snapshot.primary, 'primary'),
    ...snapshot.replicas.flatMap((replica, index) => hostIssues(replica, `replicas[${index}]`)),
    ...(snapshot.replicas.length === 0 ? [{ field: 'replicas', message: 'choose at least one replica' }] : []),
    ...nameClashes(snapshot),
  ];
}
