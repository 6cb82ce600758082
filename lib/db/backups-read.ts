import 'server-only';
import { recoveryWindow, type BackupEntry, type StanzaInfo } from '@/lib/backup/info';
import type { RepositorySpace } from '@/lib/backup/repository-forecast';
import { COMPRESS_TYPES, type S3Location } from '@/lib/backup/types';
import { BACKUP_KIND_NAMES } from '@/lib/operations/kind-names';
import { loadRepositorySpaces } from './backup-health';
import { loadBackupPlan, loadCatalog, type BackupPlanInput, type BackupPlanRow } from './backups';
import { db } from './client';
import { listOperationRuns, type OperationRun } from './operation-runs';

/** Which of a repository's secrets are stored: the page says "stored", never what. */
export interface StoredSecrets {
  readonly s3Key: boolean;
  readonly s3Secret: boolean;
  readonly cipherPass: boolean;
}

export interface RepositoryView {
  readonly number: number;
  readonly kind: 'host' | 's3';
  readonly hostId: number | null;
  readonly hostName: string | null;
  readonly path: string;
  readonly s3: S3Location | null;
  readonly retentionFull: number;
  readonly retentionFullType: 'count' | 'time';
  readonly stored: StoredSecrets;
}

/** The plan as the settings form shows it (its fields as saveBackupPlan takes them), with when backups were enabled. */
export interface BackupSettingsView extends Omit<BackupPlanInput, 'repositories'> {
  readonly stanza: string;
  readonly enabledAt: string | null;
  readonly repositories: readonly RepositoryView[];
}

/** An inventory host as the Backups forms offer it: a repository host must not be a member of this cluster, a restore target not of any. */
export interface HostChoice {
  readonly id: number;
  readonly name: string;
  readonly address: string;
  readonly memberOf: string | null;
  readonly inThisCluster: boolean;
}

/** One restore drill's figures, for the chart of restore time over time. */
export interface DrillPoint {
  readonly id: number;
  readonly at: number;
  readonly rtoMs: number;
}

/** One member's WAL archiving as the poller last read it (pg_stat_archiver, the .ready segments, pg_wal's size). */
export interface ArchivingView {
  readonly hostName: string;
  readonly primary: boolean;
  readonly at: string;
  readonly lastArchivedAt: string | null;
  readonly failedCount: number;
  readonly readySegments: number | null;
  readonly walDirectoryBytes: number | null;
}

export interface BackupsView {
  readonly settings: BackupSettingsView | null;
  /** The backups as last read from the repositories, newest first. */
  readonly catalog: { readonly readAt: string; readonly backups: readonly BackupEntry[] } | null;
  /** From the end of the oldest good backup to the last WAL the primary archived (as the poller last read it), or the end of the newest backup. */
  readonly window: { readonly earliest: string; readonly latest: string } | null;
  readonly archiving: readonly ArchivingView[];
  /** Each repository's free space and forecast (object storage: none to read). */
  readonly spaces: readonly RepositorySpace[];
  readonly runs: readonly OperationRun[];
  readonly drills: readonly DrillPoint[];
  readonly hosts: readonly HostChoice[];
}

/** Which secrets each of a cluster's repositories holds, by number (the sealed values stay here). */
export async function storedRepositorySecrets(clusterId: number): Promise<Map<number, StoredSecrets>> {
  const rows = await (await db()).backupRepository.findMany({ where: { clusterId }, select: { number: true, s3KeySecret: true, s3SecretSecret: true, cipherPassSecret: true } });
  return new Map(rows.map((row) => [row.number, { s3Key: row.s3KeySecret !== null, s3Secret: row.s3SecretSecret !== null, cipherPass: row.cipherPassSecret !== null }]));
}

/** Every inventory host, with the cluster it serves in. */
export async function backupHostChoices(clusterId: number): Promise<HostChoice[]> {
  const hosts = await (await db()).host.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true, sshAddress: true, memberships: { select: { clusterId: true, cluster: { select: { name: true } } } } } });
  return hosts.map((host) => ({
    id: host.id, name: host.name, address: host.sshAddress,
    memberOf: host.memberships[0]?.cluster.name ?? null,
    inThisCluster: host.memberships.some((membership) => membership.clusterId === clusterId),
  }));
}

const NO_SECRETS: StoredSecrets = { s3Key: false, s3Secret: false, cipherPass: false };

/** The plan without its secrets: only whether each is stored. */
export function settingsView(plan: BackupPlanRow, secrets: ReadonlyMap<number, StoredSecrets>): BackupSettingsView {
  return {
    stanza: plan.stanza, compressType: COMPRESS_TYPES.find((type) => type === plan.compressType) ?? 'zst', processMax: plan.processMax, backupStandby: plan.backupStandby,
    fullEveryHours: plan.fullEveryHours, diffEveryHours: plan.diffEveryHours, incrEveryHours: plan.incrEveryHours, scheduleOn: plan.scheduleOn,
    smokeTestSql: plan.smokeTestSql, drillHostId: plan.drillHostId, drillEveryDays: plan.drillEveryDays, enabledAt: plan.enabledAt?.toISOString() ?? null,
    repositories: plan.repositories.map((row) => ({
      number: row.number, kind: row.kind, hostId: row.host?.id ?? null, hostName: row.host?.name ?? null, path: row.path,
      s3: row.kind === 's3'
        ? { endpoint: row.s3Endpoint ?? '', port: row.s3Port ?? 443, bucket: row.s3Bucket ?? '', region: row.s3Region ?? '', pathStyle: row.s3PathStyle, verifyTls: row.s3VerifyTls, caCertificate: row.s3CaCertificate || null }
        : null,
      retentionFull: row.retentionFull, retentionFullType: row.retentionFullType === 'time' ? 'time' : 'count',
      stored: secrets.get(row.number) ?? NO_SECRETS,
    })),
  };
}

/** The backups newest first (by when each finished). */
export function newestFirst(info: StanzaInfo): BackupEntry[] {
  return [...info.backups].sort((a, b) => b.stoppedAt.localeCompare(a.stoppedAt) || b.label.localeCompare(a.label));
}

/** The restore drills that succeeded with a measured restore time, oldest first. */
export function drillPoints(runs: readonly OperationRun[]): DrillPoint[] {
  return runs
    .filter((run) => run.kind === 'restore-drill' && run.status === 'succeeded' && run.metrics.rtoMs !== undefined)
    .map((run) => ({ id: run.id, at: Date.parse(run.finishedAt ?? run.createdAt), rtoMs: run.metrics.rtoMs ?? 0 }))
    .sort((a, b) => a.at - b.at);
}

/** Each member's newest archive sample. */
export async function latestArchiving(clusterId: number): Promise<ArchivingView[]> {
  const members = await (await db()).clusterMember.findMany({ where: { clusterId }, select: { role: true, host: { select: { id: true, name: true } } }, orderBy: { host: { name: 'asc' } } });
  const samples = await Promise.all(members.map((member) => db().then((prisma) => prisma.archiveSample.findFirst({
    where: { clusterId, hostId: member.host.id }, orderBy: { at: 'desc' },
    select: { at: true, lastArchivedAt: true, failedCount: true, readySegments: true, walDirectoryBytes: true },
  }))));
  return members.flatMap((member, index) => {
    const sample = samples[index];
    return sample ? [{
      hostName: member.host.name, primary: member.role === 'primary', at: sample.at.toISOString(), lastArchivedAt: sample.lastArchivedAt?.toISOString() ?? null,
      failedCount: Number(sample.failedCount), readySegments: sample.readySegments, walDirectoryBytes: sample.walDirectoryBytes === null ? null : Number(sample.walDirectoryBytes),
    }] : [];
  });
}

/** What the Backups tab shows: settings (no secrets), the catalog, the recovery window, the repositories' space, the history, and the hosts to choose from. */
export async function readBackupsView(clusterId: number): Promise<BackupsView> {
  const [plan, secrets, catalog, runs, hosts, archiving] = await Promise.all([
    loadBackupPlan(clusterId), storedRepositorySecrets(clusterId), loadCatalog(clusterId), listOperationRuns(clusterId, BACKUP_KIND_NAMES, 100), backupHostChoices(clusterId), latestArchiving(clusterId),
  ]);
  const archivedAt = archiving.find((member) => member.primary)?.lastArchivedAt;
  const spaces = plan ? await loadRepositorySpaces(plan, new Date()) : [];
  return {
    settings: plan ? settingsView(plan, secrets) : null,
    catalog: catalog ? { readAt: catalog.readAt.toISOString(), backups: newestFirst(catalog.info) } : null,
    window: catalog ? recoveryWindow(catalog.info, archivedAt ? new Date(archivedAt) : null) : null,
    archiving,
    spaces,
    runs,
    drills: drillPoints(runs),
    hosts,
  };
}
