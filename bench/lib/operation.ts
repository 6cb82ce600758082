/**
 * Waits for an operation a bench started through Tandem's request functions. Loads Tandem's
 * runner and database only when called, so the bench can set DATABASE_URL and the secret key
 * before any of lib/ is evaluated.
 */
import type { OperationActor } from '@/lib/db/operations';
import type { StartOutcome } from '@/lib/operations/rejoin/request';

/**
 * Waits until the operation ends; one that failed is resumed once (the line says so, and its
 * timing then includes the failure). Returns the operation's metrics; throws unless it succeeded.
 */
export async function finished(outcome: StartOutcome, actor: OperationActor): Promise<Record<string, number>> {
  if (!outcome.ok) throw new Error(outcome.message);
  const { resumeStoredOperation, waitForOperation } = await import('@/lib/operations/runner');
  const { db } = await import('@/lib/db/client');
  let result = await waitForOperation(outcome.operationId);
  if (result?.status === 'failed') {
    console.log(`  operation ${outcome.operationId} failed once (${result.outcome}); resuming it`);
    const resumed = await resumeStoredOperation(outcome.operationId, actor);
    if (resumed.ok) result = await waitForOperation(outcome.operationId);
  }
  const row = await (await db()).operation.findUniqueOrThrow({ where: { id: outcome.operationId }, select: { metrics: true, outcome: true } });
  if (result?.status !== 'succeeded') throw new Error(`operation ${outcome.operationId} ${result?.status}: ${row.outcome}`);
  return row.metrics as Record<string, number>;
}
