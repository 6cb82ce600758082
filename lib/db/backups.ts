import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import type { BackupHost, BackupSetup, CompressType, RepositorySecrets, RepositorySpec, SecretsByRepository } from '@/lib/backup/types';
import { stanzaInfoSchema, type StanzaInfo } from '@/lib/backup/info';
import type { RestoreHost } from '@/lib/backup/restore-steps';
import { decodeHostFacts } from '@/lib/discovery/facts-schema';
import { recordAudit, type AuditedBy } from './audit';
import { db } from './client';
import { loadFailoverCluster } from './failover';
import { toStoredJson } from './json';
import { seal, unseal } from './secrets';

const binding = (clusterId: number, repository: number): string => `${clusterId}:repo${repository}`;

const hostSelect = { id: true, name: true, sshAddress: true, hostKeyType: true, hostKeyFingerprint: true } satisfies Prisma.HostSelect;
type HostRow = Prisma.HostGetPayload<{ select: typeof hostSelect }>;

function backupHost(row: HostRow): BackupHost {
  if (!row.hostKeyType || !row.hostKeyFingerprint) throw new Error(`${row.name} has no pinned SSH host key: run Test connection on it and accept its key first.`);
  return { hostId: row.id, name: row.name, address: row.sshAddress, hostKeyType: row.hostKeyType, hostKeyFingerprint: row.hostKeyFingerprint };
}

const planSelect = {
  clusterId: true, stanza: true, compressType: true, processMax: true, backupStandby: true, enabledAt: true,
  fullEveryHours: true, diffEveryHours: true, incrEveryHours: true, scheduleOn: true, smokeTestSql: true, drillHostId: true, drillEveryDays: true,
  repositories: {
    orderBy: { number: 'asc' },
    select: {
      number: true, kind: true, path: true, s3Endpoint: true, s3Port: true, s3Bucket: true, s3Region: true, s3PathStyle: true, s3VerifyTls: true,
      s3CaCertificate: true, cipherPassSecret: true, retentionFull: true, retentionFullType: true, host: { select: hostSelect },
    },
  },
} satisfies Prisma.BackupPlanSelect;
export type BackupPlanRow = Prisma.BackupPlanGetPayload<{ select: typeof planSelect }>;

function repositorySpec(row: BackupPlanRow['repositories'][number]): RepositorySpec {
  return {
    number: row.number,
    kind: row.kind,
    host: row.host ? backupHost(row.host) : null,
    path: row.path,
    s3: row.kind === 's3'
      ? { endpoint: row.s3Endpoint ?? '', port: row.s3Port ?? 443, bucket: row.s3Bucket ?? '', region: row.s3Region ?? '', pathStyle: row.s3PathStyle, verifyTls: row.s3VerifyTls, caCertificate: row.s3CaCertificate || null }
      : null,
    encrypted: row.cipherPassSecret !== null,
    retentionFull: row.retentionFull,
    retentionFullType: row.retentionFullType === 'time' ? 'time' : 'count',
  };
}

/** A cluster's backup plan row (no secrets), or null when backups were never configured. */
export async function loadBackupPlan(clusterId: number): Promise<BackupPlanRow | null> {
  return (await db()).backupPlan.findUnique({ where: { clusterId }, select: planSelect });
}

/** What the backup plans run from: the cluster's members as pgBackRest reaches them, its repositories, and its primary. */
export async function loadBackupSetup(clusterId: number): Promise<{ readonly setup: BackupSetup; readonly primary: string | null; readonly plan: BackupPlanRow } | null> {
  const [plan, record] = await Promise.all([loadBackupPlan(clusterId), loadFailoverCluster(clusterId)]);
  if (!plan || !record) return null;
  const hosts = await (await db()).host.findMany({ where: { id: { in: record.members.map((member) => member.hostId) } }, select: hostSelect });
  const members = record.members.map((member) => {
    const host = hosts.find((row) => row.id === member.hostId);
    if (!host) throw new Error(`Member ${member.name} is no longer in the inventory.`);
    if (!member.dataDirectory) throw new Error(`Tandem does not know ${member.name}'s data directory: run Test connection on it first.`);
    return { ...backupHost(host), pgPort: member.pgPort, dataDirectory: member.dataDirectory, control: member.control };
  });
  return {
    plan,
    primary: record.members.find((member) => member.role === 'primary')?.name ?? null,
    setup: {
      clusterName: record.cluster.name, stanza: plan.stanza, major: record.cluster.major,
      compressType: plan.compressType as CompressType, processMax: plan.processMax, backupStandby: plan.backupStandby,
      repositories: plan.repositories.map(repositorySpec), members,
    },
  };
}

/** The repositories' secrets, opened for a run (the plan lists them so every record redacts them). */
export async function loadRepositorySecrets(clusterId: number): Promise<SecretsByRepository> {
  const rows = await (await db()).backupRepository.findMany({ where: { clusterId }, select: { number: true, s3KeySecret: true, s3SecretSecret: true, cipherPassSecret: true } });
  const entries = await Promise.all(rows.map(async (row): Promise<[number, RepositorySecrets]> => [row.number, {
    ...(row.s3KeySecret ? { s3Key: await unseal('backup.s3Key', row.s3KeySecret, binding(clusterId, row.number)) } : {}),
    ...(row.s3SecretSecret ? { s3Secret: await unseal('backup.s3Secret', row.s3SecretSecret, binding(clusterId, row.number)) } : {}),
    ...(row.cipherPassSecret ? { cipherPass: await unseal('backup.cipherPass', row.cipherPassSecret, binding(clusterId, row.number)) } : {}),
  }]));
  return Object.fromEntries(entries);
}

/** Every secret value of a SecretsByRepository, for a plan's `secrets`. */
export function secretValues(secrets: SecretsByRepository): string[] {
  return Object.values(secrets).flatMap((entry) => [entry.s3Key, entry.s3Secret, entry.cipherPass]).filter((value): value is string => Boolean(value));
}

/** One repository as the settings form saves it; a secret left undefined keeps the stored one. */
export interface RepositoryInput {
  readonly number: number;
  readonly kind: 'host' | 's3';
  readonly hostId: number | null;
  readonly path: string;
  readonly s3: { readonly endpoint: string; readonly port: number; readonly bucket: string; readonly region: string; readonly pathStyle: boolean; readonly verifyTls: boolean; readonly caCertificate: string | null } | null;
  readonly s3Key?: string;
  readonly s3Secret?: string;
  /** A new passphrase, or null to keep the repository unencrypted; undefined keeps what is stored. */
  readonly cipherPass?: string | null;
  readonly retentionFull: number;
  readonly retentionFullType: 'count' | 'time';
}

export interface BackupPlanInput {
  readonly compressType: CompressType;
  readonly processMax: number;
  readonly backupStandby: boolean;
  readonly fullEveryHours: number;
  readonly diffEveryHours: number;
  readonly incrEveryHours: number;
  readonly scheduleOn: boolean;
  readonly smokeTestSql: string;
  readonly drillHostId: number | null;
  readonly drillEveryDays: number;
  readonly repositories: readonly RepositoryInput[];
}

/** Saves a cluster's backup plan and repositories (secrets sealed, bound to the cluster and repository), audited in the same transaction. */
export async function saveBackupPlan(clusterId: number, stanza: string, input: BackupPlanInput, actor: AuditedBy): Promise<void> {
  const sealedRepositories = await Promise.all(input.repositories.map(async (repository) => ({
    repository,
    s3KeySecret: repository.s3Key ? await seal('backup.s3Key', repository.s3Key, binding(clusterId, repository.number)) : undefined,
    s3SecretSecret: repository.s3Secret ? await seal('backup.s3Secret', repository.s3Secret, binding(clusterId, repository.number)) : undefined,
    cipherPassSecret: repository.cipherPass === undefined ? undefined : repository.cipherPass === null ? null : await seal('backup.cipherPass', repository.cipherPass, binding(clusterId, repository.number)),
  })));
  const settings = {
    compressType: input.compressType, processMax: input.processMax, backupStandby: input.backupStandby, fullEveryHours: input.fullEveryHours,
    diffEveryHours: input.diffEveryHours, incrEveryHours: input.incrEveryHours, scheduleOn: input.scheduleOn, smokeTestSql: input.smokeTestSql,
    drillHostId: input.drillHostId, drillEveryDays: input.drillEveryDays,
  };
  await (await db()).$transaction(async (tx) => {
    await tx.backupPlan.upsert({ where: { clusterId }, create: { clusterId, stanza, ...settings }, update: settings });
    await tx.backupRepository.deleteMany({ where: { clusterId, number: { notIn: input.repositories.map((repository) => repository.number) } } });
    for (const { repository, s3KeySecret, s3SecretSecret, cipherPassSecret } of sealedRepositories) {
      const fields = {
        kind: repository.kind, hostId: repository.kind === 'host' ? repository.hostId : null, path: repository.path,
        s3Endpoint: repository.s3?.endpoint ?? null, s3Port: repository.s3?.port ?? null, s3Bucket: repository.s3?.bucket ?? null, s3Region: repository.s3?.region ?? null,
        s3PathStyle: repository.s3?.pathStyle ?? true, s3VerifyTls: repository.s3?.verifyTls ?? true, s3CaCertificate: repository.s3?.caCertificate ?? null,
        retentionFull: repository.retentionFull, retentionFullType: repository.retentionFullType,
        ...(s3KeySecret === undefined ? {} : { s3KeySecret }),
        ...(s3SecretSecret === undefined ? {} : { s3SecretSecret }),
        ...(cipherPassSecret === undefined ? {} : { cipherPassSecret }),
      };
      await tx.backupRepository.upsert({ where: { clusterId_number: { clusterId, number: repository.number } }, create: { clusterId, number: repository.number, ...fields }, update: fields });
    }
    await recordAudit({
      ...actor, action: 'backups.configure', targetType: 'cluster', targetId: clusterId, targetName: stanza,
      summary: `Backup settings of ${stanza}: ${input.repositories.map((repository) => `repo${repository.number} ${repository.kind === 'host' ? `host ${repository.path}` : `s3 ${repository.s3?.bucket ?? ''}`}`).join(', ')}`,
    }, tx);
  });
}

export async function saveCatalog(clusterId: number, info: StanzaInfo): Promise<void> {
  const data = { readAt: new Date(), info: toStoredJson(info) };
  await (await db()).backupCatalog.upsert({ where: { clusterId }, create: { clusterId, ...data }, update: data });
}

/** The stanza as last read, or null; a stored catalog of another shape reads as none. */
export async function loadCatalog(clusterId: number): Promise<{ readonly readAt: Date; readonly info: StanzaInfo } | null> {
  const row = await (await db()).backupCatalog.findUnique({ where: { clusterId } });
  if (!row) return null;
  const info = stanzaInfoSchema.safeParse(row.info);
  return info.success ? { readAt: row.readAt, info: info.data } : null;
}

export async function markBackupsEnabled(clusterId: number): Promise<void> {
  await (await db()).backupPlan.update({ where: { clusterId }, data: { enabledAt: new Date() } });
}

/** An inventory host as pgBackRest's trust and files need it (its pinned host key). */
export async function loadBackupHost(name: string): Promise<BackupHost> {
  const row = await (await db()).host.findUnique({ where: { name }, select: hostSelect });
  if (!row) throw new Error(`Host ${name} is no longer in the inventory.`);
  return backupHost(row);
}

/** A host a backup can be restored onto, with the PostgreSQL discovery found there; null when it has none Tandem knows. */
export async function loadRestoreHost(hostId: number): Promise<{ readonly host: RestoreHost; readonly major: number | null; readonly running: boolean; readonly member: boolean } | null> {
  const row = await (await db()).host.findUnique({ where: { id: hostId }, select: { ...hostSelect, pgPort: true, discovery: { select: { facts: true } }, memberships: { select: { clusterId: true } } } });
  if (!row) return null;
  const cluster = decodeHostFacts(row.discovery?.facts)?.cluster;
  if (!cluster) return null;
  const host = backupHost(row);
  return {
    host: { ...host, pgPort: row.pgPort, dataDirectory: cluster.dataDirectory, control: cluster.control },
    major: Number.parseInt(cluster.version, 10) || null,
    running: cluster.running,
    member: row.memberships.length > 0,
  };
}
