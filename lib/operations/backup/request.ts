import 'server-only';
import type { BackupType } from '@/lib/backup/types';
import { loadBackupPlan } from '@/lib/db/backups';
import { db } from '@/lib/db/client';
import type { OperationActor } from '@/lib/db/operations';
import type { StartOutcome } from '@/lib/operations/rejoin/request';
import { refuseBackupRequest } from '../backup-refusal';
import { startOperation } from '../runner';
import { backupKind } from './kind';

/** Starts a backup of `type` into repository `repository` (on demand, or by the schedule). */
export async function requestBackup(clusterId: number, type: BackupType, repository: number, actor: OperationActor, scheduled = false): Promise<StartOutcome> {
  const refuse = (message: string) => refuseBackupRequest(clusterId, 'backups.backup', `a ${type} backup`, message, actor);
  const plan = await loadBackupPlan(clusterId);
  if (!plan?.enabledAt) return refuse('Backups are not enabled on this cluster yet: run Enable backups first.');
  if (!plan.repositories.some((entry) => entry.number === repository)) return refuse(`There is no repository repo${repository}: its repositories are ${plan.repositories.map((entry) => `repo${entry.number}`).join(', ')}.`);
  const primary = await (await db()).clusterMember.findFirst({ where: { clusterId, role: 'primary' }, select: { host: { select: { name: true } } } });
  if (!primary) return refuse('The cluster has no recorded primary.');
  const claim = await startOperation(backupKind, {
    clusterId,
    params: { type, repository, primary: primary.host.name, requestedAt: new Date().toISOString(), scheduled },
    reason: `${scheduled ? 'Scheduled' : 'On-demand'} ${type} backup into repo${repository}`,
    actor,
  });
  return claim.ok ? claim : { ok: false, message: claim.message };
}
