/**
 * The backup bench's work done outside Tandem, as commands over SSH (`labSsh`, one call
 * each), timed by the wall clock around them: pgBackRest's full backup on the repository
 * host, pg_basebackup to that host, and pgBackRest's restore onto a spare host.
 */
import { assertLabAddress, labClusterPaths, labHost, labSql } from '@/lab/client';
import { REPOSITORY_USER } from '@/lib/backup/config-file';
import { median } from './report';
import { onHost, psql, shellQuote } from './lab-prep';

const LONG_MS = 3_600_000;
const since = (started: number): number => (performance.now() - started) / 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Median seconds of `true` over labSsh (lab.sh, a new ssh connection), the overhead each raw command pays. */
export async function sshRoundTripSeconds(host: string, count = 3): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    await onHost(host, 'true');
    times.push(since(started));
  }
  return median(times);
}

/** CHECKPOINT on the primary (Tandem's backup step runs one first), then pgBackRest's full backup as the repository account. */
export async function rawBackup(stanza: string, primary: string, repositoryHost: string): Promise<number> {
  const started = performance.now();
  await psql(primary, 'CHECKPOINT');
  await onHost(repositoryHost, `cd / && runuser -u ${REPOSITORY_USER} -- pgbackrest --stanza=${stanza} --repo=1 --type=full backup`, LONG_MS);
  return since(started);
}

/** pg_hba rules on the server that admit `role` to the replication database from `address` (first-match order is not judged). */
function admitsSql(role: string, address: string): string {
  return `SELECT count(*) FROM pg_hba_file_rules WHERE error IS NULL AND type IN ('host', 'hostssl')
    AND database && ARRAY['replication', 'all'] AND user_name && ARRAY['${role}', 'all']
    AND CASE WHEN address = 'all' THEN true
             WHEN address ~ '^[0-9.]+$' AND netmask IS NOT NULL THEN (inet '${address}' & netmask::inet) = (address::inet & netmask::inet)
             ELSE false END`;
}

/**
 * Makes sure `primary` admits `role` for replication from `client`: Tandem's setup admits only the
 * cluster's members, so a line for the client's address is appended to pg_hba.conf and the
 * configuration reloaded. Returns what it found or did, for the report.
 */
export async function admitReplicationFrom(primary: string, role: string, client: string): Promise<string> {
  const { address } = labHost(client);
  assertLabAddress(address);
  const admitted = async () => Number(await psql(primary, admitsSql(role, address))) > 0;
  if (await admitted()) return `pg_hba: ${primary} already admits ${role} for replication from ${client} (${address})`;
  const file = await psql(primary, 'SHOW hba_file');
  const line = ['host', 'replication', role, `${address}/32`, 'scram-sha-256', `# bench:backup, pg_basebackup from ${client}`].join('\t');
  await onHost(primary, `printf '%s\\n' ${shellQuote(line)} >> ${shellQuote(file)}`);
  await psql(primary, 'SELECT pg_reload_conf()');
  if (!(await admitted())) throw new Error(`pg_hba on ${primary} still does not admit ${role} from ${address} after adding a line to ${file}`);
  return `pg_hba: ${primary} admitted ${role} only from the cluster's members; the bench appended "host replication ${role} ${address}/32 scram-sha-256" to ${file} and reloaded`;
}

/**
 * pg_basebackup on `onto` as root from the primary as the replication role, its password on
 * stdin (never on a command line): plain format, WAL streamed, fast checkpoint, into a fresh
 * directory under the host's own /tmp (removed after, untimed).
 */
export async function rawBaseBackup(primary: string, role: string, password: string, onto: string, run: number): Promise<number> {
  const { address, pgPort } = labHost(primary);
  assertLabAddress(address);
  const dir = `/tmp/bench-basebackup-${run}`;
  const started = performance.now();
  try {
    await onHost(onto, `IFS= read -r PGPASSWORD && export PGPASSWORD && pg_basebackup -h ${address} -p ${pgPort} -U ${role} -w -D ${dir} -Fp -X stream --checkpoint=fast`, LONG_MS, `${password}\n`);
    return since(started);
  } finally {
    await onHost(onto, `rm -rf -- ${dir}`);
  }
}

/** The data directory and major of a lab host's Debian cluster `main` (the raw restore types pg_ctlcluster). */
function debianCluster(host: string): { readonly major: number; readonly dir: string } {
  const paths = labClusterPaths(host);
  if (paths.layout !== 'debian') throw new Error(`${host} is not a Debian-layout host: the raw restore types pg_ctlcluster`);
  return { major: paths.major, dir: paths.dataDirectory };
}

async function waitPromoted(host: string, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await labSql(host, 'SELECT pg_is_in_recovery()').catch(() => '')) === 'f') return;
    await sleep(250);
  }
  throw new Error(`${host} was still in recovery (or not answering) ${timeoutMs / 1000} s after the raw restore`);
}

/**
 * The restore a DBA would type onto `host`, from the stanza file Tandem's restore left there:
 * stop, data directory moved aside, a fresh one, `pgbackrest restore` of the latest backup with
 * archiving off, start; then labSql polls until the copy is out of recovery (promoted at the end
 * of the archived WAL). The moved-aside directory is removed after, untimed. With `archiveOn`
 * (the repository host), `pgbackrest check` runs there during the copy, as in Tandem's restore,
 * so both reach the same recovery point; the start is then a second command once both ended.
 */
export async function rawRestore(stanza: string, host: string, run: number, archiveOn: string | null = null): Promise<number> {
  const { major, dir } = debianCluster(host);
  const aside = `${dir}.bench-raw-${run}`;
  const restore = [
    `pg_ctlcluster ${major} main stop -m fast`,
    `mv -- ${dir} ${aside}`,
    `install -d -o postgres -g postgres -m 0700 -- ${dir}`,
    `cd / && runuser -u postgres -- pgbackrest --stanza=${stanza} --pg1-path=${dir} --archive-mode=off --type=default restore`,
  ];
  const start = `pg_ctlcluster ${major} main start`;
  const started = performance.now();
  if (archiveOn) {
    // As Tandem's restore does: the primary's current WAL archived (pgbackrest check) while the copy runs, so both reach the same point.
    await Promise.all([onHost(archiveOn, `cd / && runuser -u pgbackrest -- pgbackrest --stanza=${stanza} check`, LONG_MS), onHost(host, restore.join(' && '), LONG_MS)]);
    await onHost(host, start, LONG_MS);
  } else {
    await onHost(host, [...restore, start].join(' && '), LONG_MS);
  }
  await waitPromoted(host);
  const seconds = since(started);
  await onHost(host, `rm -rf -- ${aside}`);
  return seconds;
}

/** Removes the data directories Tandem's restores kept aside on `host` (`<datadir>.tandem-<stamp>`), so rounds do not fill the disk. */
export async function removeKeptAside(host: string): Promise<void> {
  await onHost(host, `rm -rf -- ${debianCluster(host).dir}.tandem-*`);
}
