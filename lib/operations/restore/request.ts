import 'server-only';
import { z } from 'zod';
import { recoveryWindow } from '@/lib/backup/info';
import type { RestoreParams } from '@/lib/backup/plan-restore';
import { targetOutsideWindow, type RestoreTarget, type TargetAction } from '@/lib/backup/restore-target';
import { loadBackupPlan, loadCatalog, loadRestoreHost } from '@/lib/db/backups';
import { db } from '@/lib/db/client';
import type { OperationActor } from '@/lib/db/operations';
import { sql } from '@/lib/pg/sql';
import { queryRows } from '@/lib/replication/engine/pg-rows';
import type { StartOutcome } from '@/lib/operations/rejoin/request';
import { refuseBackupRequest, stampOf } from '../backup-refusal';
import { hostPorts } from '../host-ports';
import { startOperation } from '../runner';
import { restoreDrillKind } from '../restore-drill/kind';
import { restoreKind } from './kind';

export interface RestoreRequest {
  readonly hostId: number;
  readonly target: RestoreTarget;
  readonly action: TargetAction;
  readonly repository: number | null;
  /** The target host's name, typed: its server is stopped and its data directory moved aside. */
  readonly confirm: string;
  readonly reason: string;
}

const archiverRow = z.object({ healthy: z.string().nullable(), last: z.string().nullable() });

/** When the primary's archiver last stored a segment, and whether it works now (its last failure is older); null when no primary answers. */
async function archiverNow(primary: string | null): Promise<{ readonly last: Date | null; readonly healthy: boolean } | null> {
  if (!primary) return null;
  const rows = await queryRows(hostPorts(new Map()).pg, primary, sql`SELECT (last_failed_time IS NULL OR last_failed_time < last_archived_time)::text AS healthy,
  to_char(last_archived_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS last FROM pg_stat_archiver`, archiverRow, { timeoutMs: 10_000 }).catch(() => null);
  const row = rows?.[0];
  return row ? { last: row.last ? new Date(row.last) : null, healthy: row.healthy === 'true' } : null;
}

/** What every restore checks first, before the host: backups enabled, the catalog read, the target inside the recovery window. */
export async function restorableCluster(clusterId: number, target: RestoreTarget): Promise<{ readonly name: string; readonly major: number | null; readonly primary: string | null; readonly primaryAnswers: boolean } | { readonly refused: string }> {
  const [plan, cluster] = await Promise.all([loadBackupPlan(clusterId), (await db()).cluster.findUnique({ where: { id: clusterId }, select: { name: true, pgMajor: true, members: { where: { role: 'primary' }, select: { host: { select: { name: true } } } } } })]);
  if (!cluster) return { refused: 'This cluster no longer exists.' };
  if (!plan?.enabledAt) return { refused: 'Backups are not enabled on this cluster yet: run Enable backups first.' };
  const catalog = await loadCatalog(clusterId);
  if (!catalog) return { refused: 'Tandem has not read the repository yet: take a backup first.' };
  const primary = cluster.members[0]?.host.name ?? null;
  const archiver = await archiverNow(primary);
  const lastArchived = archiver?.healthy ? new Date() : (archiver?.last ?? null);
  const outside = targetOutsideWindow(target, recoveryWindow(catalog.info, lastArchived), catalog.info.backups.map((backup) => backup.label));
  return outside ? { refused: outside } : { name: cluster.name, major: cluster.pgMajor, primary, primaryAnswers: archiver !== null };
}

/**
 * Starts a point-in-time restore onto a host that is not a member, or (`drill`) a restore
 * drill of the latest backup onto the cluster's scratch host. Refused before anything runs:
 * backups not enabled, the host a member (replacing the whole cluster is its own request),
 * another major there, the confirmation not the host's name, a time outside the recovery window.
 */
export async function requestRestore(clusterId: number, request: RestoreRequest, actor: OperationActor, drill = false): Promise<StartOutcome> {
  const refuse = (message: string) => refuseBackupRequest(clusterId, drill ? 'backups.drill' : 'backups.restore', drill ? 'a restore drill' : 'a restore', message, actor);
  const cluster = await restorableCluster(clusterId, request.target);
  if ('refused' in cluster) return refuse(cluster.refused);
  const onto = await loadRestoreHost(request.hostId).catch((error: unknown) => (error instanceof Error ? error : null));
  if (onto instanceof Error) return refuse(onto.message);
  if (!onto) return refuse('Tandem does not know a PostgreSQL cluster on that host: run Test connection on it first.');
  if (onto.member) return refuse(`${onto.host.name} is a member of a cluster: restore onto a host that is no member, or replace the whole cluster from the Backups tab.`);
  if (onto.major !== cluster.major) return refuse(`${onto.host.name} runs PostgreSQL ${onto.major ?? 'unknown'}, and the backups are of PostgreSQL ${cluster.major ?? 'unknown'}: restore onto a host of the same major.`);
  if (!drill && request.confirm.trim() !== onto.host.name) return refuse(`Type ${onto.host.name} to confirm: its PostgreSQL is stopped and its data directory moved aside for the restore.`);
  const now = new Date();
  const params: RestoreParams = {
    onto: onto.host, target: request.target, action: request.action, repository: request.repository,
    primary: cluster.primaryAnswers ? cluster.primary : null, stamp: stampOf(now), requestedAt: now.toISOString(), drill,
  };
  const claim = await startOperation(drill ? restoreDrillKind : restoreKind, { clusterId, params, reason: request.reason.trim() || (drill ? 'Restore drill' : 'Point-in-time restore'), actor });
  return claim.ok ? claim : { ok: false, message: claim.message };
}
