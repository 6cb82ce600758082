import 'server-only';
import { auditedBy, recordAudit } from '@/lib/db/audit';
import type { OperationActor } from '@/lib/db/operations';
import type { StartOutcome } from '@/lib/operations/rejoin/request';

/** A backup request refused before anything ran: audited with its reason, returned as the outcome. */
export async function refuseBackupRequest(clusterId: number, action: string, what: string, message: string, actor: OperationActor): Promise<StartOutcome> {
  await recordAudit({ ...auditedBy(actor), action, outcome: 'failed', summary: `Refused ${what}: ${message}`, targetType: 'cluster', targetId: clusterId });
  return { ok: false, message };
}

/** `20261203T181502Z`: names what an operation keeps aside. */
export function stampOf(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}
