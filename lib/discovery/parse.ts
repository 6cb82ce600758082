import type { ClusterListing, DiskUsage } from './facts';

/** Splits the discovery script's output into its `@@name` sections. */
export function splitSections(output: string): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of output.split('\n')) {
    const header = /^@@([a-z-]+)$/.exec(line);
    if (header?.[1]) {
      current = [];
      sections.set(header[1], current);
    } else if (current && line.trim() !== '') {
      current.push(line);
    }
  }
  return sections;
}

/** KEY=value lines of /etc/os-release, with shell-style quotes removed. */
export function parseOsRelease(lines: string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const line of lines) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (!match?.[1]) continue;
    result[match[1]] = (match[2] ?? '').replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
  }
  return result;
}

/**
 * Rows of `pg_lsclusters --no-header`: version, name, port, status, owner, data
 * directory, log file. Status is `online`, `down`, or `online,recovery`.
 */
export function parseLsClusters(lines: string[]): ClusterListing[] {
  const clusters: ClusterListing[] = [];
  for (const line of lines) {
    const fields = line.trim().split(/\s+/);
    const [version, name, port, status, owner, dataDirectory, logFile] = fields;
    if (!version || !name || !port || !status || !dataDirectory || !/^\d+(\.\d+)?$/.test(version) || !/^\d+$/.test(port)) continue;
    clusters.push({
      version,
      name,
      port: Number(port),
      running: status.startsWith('online'),
      inRecovery: status.includes('recovery'),
      owner: owner ?? null,
      dataDirectory,
      logFile: logFile && logFile !== '<unknown>' ? logFile : null,
    });
  }
  return clusters;
}

/**
 * Clusters seen as running postmasters: lines of `<pid> <binary> -D <datadir> …`. The port is
 * the one the postmaster's postmaster.pid names (`ports`: data directory → port), else `-p`,
 * else 5432; the binary's directory is where the server's own tools are.
 */
export function parsePostmasters(lines: string[], ports: ReadonlyMap<string, number> = new Map()): ClusterListing[] {
  const clusters: ClusterListing[] = [];
  for (const line of lines) {
    const binary = /\s(\S*\/)?(postgres|postmaster)\s/.exec(` ${line} `);
    const dataDirectory = /\s-D\s+(\S+)/.exec(line)?.[1];
    if (!binary || !dataDirectory) continue;
    const version = /postgresql[/-]?(\d+(?:\.\d+)?)|pgsql-(\d+)/.exec(line);
    const binDirectory = binary[1]?.replace(/\/$/, '');
    clusters.push({
      version: version?.[1] ?? version?.[2] ?? 'unknown',
      name: null,
      port: ports.get(dataDirectory) ?? Number(/\s-p\s+(\d+)/.exec(line)?.[1] ?? 5432),
      running: true,
      inRecovery: false,
      owner: null,
      dataDirectory,
      logFile: null,
      ...(binDirectory ? { binDirectory } : {}),
    });
  }
  return clusters;
}

/** `<datadir> <port>` lines: the port each running postmaster's postmaster.pid names. */
export function parsePostmasterPorts(lines: string[]): Map<string, number> {
  const ports = new Map<string, number>();
  for (const line of lines) {
    const [dir, port] = line.trim().split(/\s+/);
    if (dir && port && /^\d{1,5}$/.test(port)) ports.set(dir, Number(port));
  }
  return ports;
}

/**
 * Data directories in PGDG's places (`<datadir> <major> <port> <bindir>`), running or not:
 * a stopped PGDATA-only cluster has no postmaster to be seen by.
 */
export function parsePgdataDirs(lines: string[]): ClusterListing[] {
  const clusters: ClusterListing[] = [];
  for (const line of lines) {
    const [dataDirectory, version, port, binDirectory] = line.trim().split(/\s+/);
    if (!dataDirectory || !version || !port || !binDirectory || !/^\d+(\.\d+)?$/.test(version) || !/^\d{1,5}$/.test(port)) continue;
    clusters.push({ version, name: null, port: Number(port), running: false, inRecovery: false, owner: null, dataDirectory, logFile: null, binDirectory });
  }
  return clusters;
}

/** `<unit> <PGDATA>` lines: the plain (non-template) PostgreSQL units systemd has and the data directory each starts. */
export function parseUnits(lines: string[]): Map<string, string> {
  const units = new Map<string, string>();
  for (const line of lines) {
    const [unit, dataDirectory] = line.trim().split(/\s+/);
    if (unit && dataDirectory && /^[A-Za-z0-9][A-Za-z0-9._-]*\.service$/.test(unit)) units.set(dataDirectory, unit.replace(/\.service$/, ''));
  }
  return units;
}

/** `<datadir> yes|no` lines: whether postgres may write in each data directory's parent. */
export function parseParentWritable(lines: string[]): Map<string, boolean> {
  const writable = new Map<string, boolean>();
  for (const line of lines) {
    const [dir, answer] = line.trim().split(/\s+/);
    if (dir && (answer === 'yes' || answer === 'no')) writable.set(dir, answer === 'yes');
  }
  return writable;
}

/** `<label> <df -P -B1 line>`: filesystem, total, used, available, use%, mount point. */
export function parseDiskLines(lines: string[]): Map<string, DiskUsage> {
  const disks = new Map<string, DiskUsage>();
  for (const line of lines) {
    const [path, , total, , available] = line.trim().split(/\s+/);
    if (path && total && available && /^\d+$/.test(total) && /^\d+$/.test(available)) {
      disks.set(path, { path, totalBytes: Number(total), freeBytes: Number(available) });
    }
  }
  return disks;
}

export const parseBool = (value: string | null | undefined): boolean | null =>
  value === 'on' || value === 'true' || value === 't' ? true : value === 'off' || value === 'false' || value === 'f' ? false : null;
