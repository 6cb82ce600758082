/**
 * Backup benchmark (reports, asserts nothing), on one fresh 4-host lab: cluster `bench` set up
 * by Tandem (pg1 primary filled with `pgbench -i -s 50`, ~750 MiB; pg2 replica), pg4 the
 * pgBackRest repository host, pg3 the spare host restores go to. Times a full backup through
 * Tandem (request → operation succeeded) against the same pgbackrest command typed over SSH and
 * against pg_basebackup to the same host; process-max 1 vs 2; a restore of the latest backup onto
 * pg3 through Tandem against the raw restore over SSH. Run as root: npm run bench:backup.
 * BENCH_RUNS (default 1) rounds of the backups and of the restores; BENCH_PGBENCH_SCALE (default
 * 50); TANDEM_LAB_KEEP=1 leaves the lab up.
 */
import { acquireLabRunLock } from '../lab/run-lock';
import { admitReplicationFrom, rawBackup, rawBaseBackup, rawRestore, removeKeptAside, sshRoundTripSeconds } from './lib/backup-raw';
import { endLabRun, freshFilledLab, PGBENCH_SCALE, psql } from './lib/lab-prep';
import { finished, stepTimes } from './lib/operation';
import { environment, medianColumns, ratio, table } from './lib/report';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY ??= 'b'.repeat(64);

const RUNS = Number(process.env.BENCH_RUNS ?? '1');
const STANZA = 'bench';
const ROLE = 'replicator';
const REPOSITORY_PATH = '/var/lib/pgbackrest';
const TARGET = 1.1;
const actor = { id: null, email: 'bench@example.com', clientAddress: null };

const { getSshPool } = await import('@/lib/ssh/pool');
const { labSetupForm, registerLabHosts, startLabSetup } = await import('@/lib/setup/testing/lab-fixture');
const { auditedBy } = await import('@/lib/db/audit');
const { loadCatalog, saveBackupPlan } = await import('@/lib/db/backups');
const { saveDiscovery } = await import('@/lib/db/discovery');
const { loadHostTarget } = await import('@/lib/db/hosts');
const { discoverHost } = await import('@/lib/discovery/discover-host');
const { replicationPassword } = await import('@/lib/operations/failover-inputs');
const { requestEnableBackups } = await import('@/lib/operations/enable-backups/request');
const { requestBackup } = await import('@/lib/operations/backup/request');
const { requestRestore } = await import('@/lib/operations/restore/request');

/** Seconds per measure, one entry per run. */
const runs = {
  enable: [] as number[], enableBackup: [] as number[],
  tandemBackup: [] as number[], tandemBackupStep: [] as number[], rawBackup: [] as number[], baseBackup: [] as number[],
  enableAgain: [] as number[], enableAgainBackup: [] as number[], tandemBackup2: [] as number[], tandemBackup2Step: [] as number[],
  tandemRestore: [] as number[], tandemRestoreCopy: [] as number[], rawRestore: [] as number[], rawRestoreArchived: [] as number[],
};
type Measure = keyof typeof runs;
/** The detail table's rows, in this order. */
const LABELS: Record<Measure, string> = {
  enable: 'Enable backups (incl. first full), pm 1',
  enableBackup: '  its first full (backupMs)',
  tandemBackup: 'Tandem full, pm 1 (call → succeeded)',
  tandemBackupStep: '  its backupMs (CHECKPOINT + pgbackrest)',
  rawBackup: 'raw: CHECKPOINT + pgbackrest backup over SSH',
  baseBackup: 'pg_basebackup -Fp -X stream onto pg4',
  enableAgain: 'Enable backups again, pm 2 (incl. a full)',
  enableAgainBackup: '  its full (backupMs)',
  tandemBackup2: 'Tandem full, pm 2 (call → succeeded)',
  tandemBackup2Step: '  its backupMs (CHECKPOINT + pgbackrest)',
  tandemRestore: 'Tandem restore onto pg3 (call → succeeded)',
  tandemRestoreCopy: '  its restoreCopyMs (pgbackrest restore)',
  rawRestore: 'raw restore over SSH (stop → promoted)',
  rawRestoreArchived: 'raw restore + pgbackrest check meanwhile',
};
/** What the report says besides the timings; filled in as the bench gets there. */
const facts = { dbBytes: [] as number[], pgVersion: 'unknown', roundTrip: Number.NaN, hba: 'pg_hba: not reached', catalog: 'catalog: not read', firstRestore: 'first restore: not run' };

interface Timed {
  readonly seconds: number;
  readonly metrics: Record<string, number>;
  readonly operationId: number;
}

const mib = (bytes: number) => (bytes / 1024 ** 2).toFixed(0);
const metricSeconds = (metrics: Record<string, number>, name: string) => (metrics[name] ?? Number.NaN) / 1000;

/** Wall clock of a Tandem request until its operation succeeded, with the operation's metrics. */
async function timed(start: () => Promise<Parameters<typeof finished>[0]>): Promise<Timed> {
  const started = performance.now();
  const outcome = await start();
  const metrics = await finished(outcome, actor);
  return { seconds: (performance.now() - started) / 1000, metrics, operationId: outcome.ok ? outcome.operationId : 0 };
}

function hostId(ids: Record<string, number>, name: string): number {
  const id = ids[name];
  if (id === undefined) throw new Error(`${name} was not registered`);
  return id;
}

/** Test connection's discovery of a host that is no member (the spare and the repository host), as the lab test does. */
async function discover(id: number): Promise<void> {
  const host = await loadHostTarget(id);
  if (!host) throw new Error(`host ${id} is not in the inventory`);
  await saveDiscovery(id, await discoverHost(host.target, host.pgPort));
}

/** Fresh lab, pg1 filled, hosts registered, pg3 and pg4 discovered, cluster `bench` set up (pg1 → pg2). */
async function prepare(): Promise<{ readonly clusterId: number; readonly ids: Record<string, number> }> {
  const lab = await freshFilledLab(4);
  facts.dbBytes.push(lab.dbBytes);
  facts.pgVersion = await psql('pg1', 'SHOW server_version');
  console.log(`fresh 4-host lab, pg1 filled (pgbench -i -s ${PGBENCH_SCALE}) in ${lab.seconds.toFixed(1)} s: pg_database_size('postgres') ${mib(lab.dbBytes)} MiB`);
  const ids = await registerLabHosts(['pg1', 'pg2', 'pg3', 'pg4']);
  for (const name of ['pg3', 'pg4']) await discover(hostId(ids, name));
  const setup = await startLabSetup(labSetupForm(hostId(ids, 'pg1'), [hostId(ids, 'pg2')], { clusterName: STANZA, roleName: ROLE }));
  await finished({ ok: true, operationId: setup.operationId }, actor);
  console.log(`cluster ${STANZA} set up: pg1 → pg2`);
  return { clusterId: setup.clusterId, ids };
}

/** The backup plan: one repository on the repository host, zst, no encryption, no schedule. */
async function savePlan(clusterId: number, repositoryHostId: number, processMax: number): Promise<void> {
  await saveBackupPlan(clusterId, STANZA, {
    compressType: 'zst', processMax, backupStandby: false, fullEveryHours: 168, diffEveryHours: 24, incrEveryHours: 1, scheduleOn: false,
    smokeTestSql: '', drillHostId: null, drillEveryDays: 0,
    repositories: [{ number: 1, kind: 'host', hostId: repositoryHostId, path: REPOSITORY_PATH, s3: null, cipherPass: null, retentionFull: 2, retentionFullType: 'count' }],
  }, auditedBy(actor));
}

const enableBackups = (clusterId: number) => timed(() => requestEnableBackups(clusterId, true, actor));
const tandemFullBackup = (clusterId: number) => timed(() => requestBackup(clusterId, 'full', 1, actor));

async function backupRound(clusterId: number, round: number): Promise<void> {
  const tandem = await tandemFullBackup(clusterId);
  runs.tandemBackup.push(tandem.seconds);
  runs.tandemBackupStep.push(metricSeconds(tandem.metrics, 'backupMs'));
  const raw = await rawBackup(STANZA, 'pg1', 'pg4');
  runs.rawBackup.push(raw);
  console.log(`backup round ${round}: Tandem ${tandem.seconds.toFixed(2)} s (backupMs ${runs.tandemBackupStep.at(-1)?.toFixed(2)} s), raw over SSH ${raw.toFixed(2)} s`);
}

async function baseBackup(clusterId: number): Promise<void> {
  facts.hba = await admitReplicationFrom('pg1', ROLE, 'pg4');
  console.log(facts.hba);
  const password = await replicationPassword(clusterId);
  if (password === null) throw new Error(`Tandem does not hold the replication password of ${STANZA}`);
  const seconds = await rawBaseBackup('pg1', ROLE, password, 'pg4', 1);
  runs.baseBackup.push(seconds);
  console.log(`pg_basebackup pg1 → pg4 (-Fp -X stream --checkpoint=fast): ${seconds.toFixed(2)} s`);
}

/** process-max 2: the plan saved again, Enable backups run again (it rewrites the stanza files and takes a full), then one Tandem full. */
async function processMaxTwo(clusterId: number, repositoryHostId: number): Promise<void> {
  await savePlan(clusterId, repositoryHostId, 2);
  const again = await enableBackups(clusterId);
  runs.enableAgain.push(again.seconds);
  runs.enableAgainBackup.push(metricSeconds(again.metrics, 'backupMs'));
  const tandem = await tandemFullBackup(clusterId);
  runs.tandemBackup2.push(tandem.seconds);
  runs.tandemBackup2Step.push(metricSeconds(tandem.metrics, 'backupMs'));
  console.log(`process-max 2: enable again ${again.seconds.toFixed(2)} s (its full ${runs.enableAgainBackup.at(-1)?.toFixed(2)} s), Tandem full ${tandem.seconds.toFixed(2)} s`);
}

async function readCatalog(clusterId: number): Promise<void> {
  const catalog = await loadCatalog(clusterId);
  const full = catalog?.info.backups.filter((backup) => backup.repository === 1 && backup.type === 'full' && !backup.error).at(-1);
  facts.catalog = full
    ? `full backup ${full.label} (process-max 2): ${mib(full.sizeBytes)} MiB of database, ${mib(full.repositorySizeBytes)} MiB in the repository (zst); pg_database_size('postgres') ${facts.dbBytes.map(mib).join(', ')} MiB`
    : 'catalog: no full backup of repo1 listed';
  console.log(facts.catalog);
}

const restoreOntoPg3 = (clusterId: number, spareId: number) => timed(() => requestRestore(clusterId, { hostId: spareId, target: { kind: 'latest' }, action: 'promote', repository: 1, confirm: 'pg3', reason: 'bench' }, actor));

async function printSteps(operationId: number): Promise<void> {
  for (const step of await stepTimes(operationId)) console.log(`  ${step.ms === null ? '   —  ' : `${(step.ms / 1000).toFixed(2)} s`}  ${step.status.padEnd(9)} ${step.name}`);
}

/**
 * Untimed: the first restore onto pg3 makes the SSH trust between pg3 and pg4 and writes pg3's
 * stanza file, which the raw restores then use as they are. The timed rounds start from there.
 */
async function restoreWarmUp(clusterId: number, spareId: number): Promise<void> {
  const first = await restoreOntoPg3(clusterId, spareId);
  await removeKeptAside('pg3');
  facts.firstRestore = `first restore onto pg3 (untimed warm-up, sets up SSH trust and the stanza file): ${first.seconds.toFixed(2)} s`;
  console.log(facts.firstRestore);
  await printSteps(first.operationId);
}

async function restoreRound(clusterId: number, spareId: number, round: number): Promise<void> {
  const tandem = await restoreOntoPg3(clusterId, spareId);
  runs.tandemRestore.push(tandem.seconds);
  runs.tandemRestoreCopy.push(metricSeconds(tandem.metrics, 'restoreCopyMs'));
  await removeKeptAside('pg3');
  const raw = await rawRestore(STANZA, 'pg3', round);
  runs.rawRestore.push(raw);
  const archived = await rawRestore(STANZA, 'pg3', round, 'pg4');
  runs.rawRestoreArchived.push(archived);
  console.log(`restore round ${round}: Tandem ${tandem.seconds.toFixed(2)} s (restoreCopyMs ${runs.tandemRestoreCopy.at(-1)?.toFixed(2)} s), raw over SSH ${raw.toFixed(2)} s, raw with the check meanwhile ${archived.toFixed(2)} s`);
  await printSteps(tandem.operationId);
}

async function measure(): Promise<void> {
  const { clusterId, ids } = await prepare();
  const repositoryHostId = hostId(ids, 'pg4');
  await savePlan(clusterId, repositoryHostId, 1);
  const enable = await enableBackups(clusterId);
  runs.enable.push(enable.seconds);
  runs.enableBackup.push(metricSeconds(enable.metrics, 'backupMs'));
  console.log(`enable backups (restarts pg2 and pg1, first full): ${enable.seconds.toFixed(2)} s (its full ${runs.enableBackup.at(-1)?.toFixed(2)} s)`);
  facts.roundTrip = await sshRoundTripSeconds('pg4');
  for (let round = 1; round <= RUNS; round += 1) await backupRound(clusterId, round);
  await baseBackup(clusterId);
  await processMaxTwo(clusterId, repositoryHostId);
  await readCatalog(clusterId);
  await restoreWarmUp(clusterId, hostId(ids, 'pg3'));
  for (let round = 1; round <= RUNS; round += 1) await restoreRound(clusterId, hostId(ids, 'pg3'), round);
}

function report(): void {
  const line = '-'.repeat(110);
  console.log(`\n${line}\nBackups with pgBackRest (cluster ${STANZA}: pg1 → pg2, repository host pg4, restores onto pg3), ${RUNS} round(s), ${new Date().toISOString()}`);
  for (const text of environment(facts.dbBytes, facts.pgVersion, PGBENCH_SCALE)) console.log(text);
  console.log(`repo1 on pg4 at ${REPOSITORY_PATH}, compress-type zst, no encryption, retention-full 2; one labSsh round trip to pg4 (\`true\`): ${Number.isFinite(facts.roundTrip) ? `${facts.roundTrip.toFixed(3)} s` : '—'}`);
  console.log(facts.hba);
  console.log(facts.catalog);
  console.log(facts.firstRestore);
  console.log(line);
  console.log(table((Object.keys(LABELS) as Measure[]).map((key) => ({ label: LABELS[key], runs: runs[key] }))));
  console.log(line);
  console.log(medianColumns(['Tandem', 'raw pgbackrest over SSH', 'pg_basebackup'], 'ratio Tandem/raw', [
    { label: 'full backup, process-max 1', columns: [runs.tandemBackup, runs.rawBackup, runs.baseBackup] },
    { label: "  Tandem's backupMs only", columns: [runs.tandemBackupStep, runs.rawBackup, []] },
    { label: 'full backup, process-max 2', columns: [runs.tandemBackup2, [], []] },
    { label: 'enable (incl. first full)', columns: [runs.enable, [], []] },
    { label: 'restore onto pg3 (latest, promote)', columns: [runs.tandemRestore, runs.rawRestore, []] },
    { label: '  raw with pgbackrest check meanwhile', columns: [runs.tandemRestore, runs.rawRestoreArchived, []] },
  ]));
  console.log(line);
  console.log(`Target: Tandem ≤ ${TARGET}× raw pgbackrest for backup and for restore`);
  console.log(ratio('  backup: Tandem / raw', runs.tandemBackup, runs.rawBackup, TARGET));
  console.log(ratio('  restore: Tandem / raw', runs.tandemRestore, runs.rawRestore, TARGET));
  console.log(ratio('  restore: Tandem / raw, same point', runs.tandemRestore, runs.rawRestoreArchived, TARGET));
  console.log(ratio('Tandem full: process-max 2 / process-max 1', runs.tandemBackup2, runs.tandemBackup));
  console.log(ratio('Tandem full (pm 1) / pg_basebackup', runs.tandemBackup, runs.baseBackup));
  console.log(line);
}

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error('The bench needs root (the lab creates namespaces and mounts).');
  await acquireLabRunLock('bench');
  try {
    await measure();
  } finally {
    report();
    getSshPool().closeAll();
    await endLabRun();
  }
}

await main();
process.exit(0);
