import 'server-only';
import type { OperationActor } from '@/lib/db/operations';
import type { StartOutcome } from '@/lib/operations/rejoin/request';
import { startOperation } from '@/lib/operations/runner';
import { checkClusterKind } from './kind';

/** "Check cluster": starts the read-only operation that reaches every member over SSH and asks its PostgreSQL to answer. */
export async function requestCheckCluster(clusterId: number, reason: string, actor: OperationActor): Promise<StartOutcome> {
  return startOperation(checkClusterKind, { params: {}, clusterId, reason: reason.trim(), actor });
}
