import 'server-only';
import { loadBackupPlan } from '@/lib/db/backups';
import type { OperationActor } from '@/lib/db/operations';
import type { StartOutcome } from '@/lib/operations/rejoin/request';
import { refuseBackupRequest } from '../backup-refusal';
import { requestRestore } from '../restore/request';

/** A restore drill now: the latest backup onto the cluster's drill host (from one repository, or whichever holds it), refused without a drill host. */
export async function requestRestoreDrill(clusterId: number, repository: number | null, reason: string, actor: OperationActor): Promise<StartOutcome> {
  const drillHostId = (await loadBackupPlan(clusterId))?.drillHostId ?? null;
  if (drillHostId === null) return refuseBackupRequest(clusterId, 'backups.drill', 'a restore drill', 'Choose a drill host in the backup settings first.', actor);
  return requestRestore(clusterId, { hostId: drillHostId, target: { kind: 'latest' }, action: 'promote', repository, confirm: '', reason }, actor, true);
}
