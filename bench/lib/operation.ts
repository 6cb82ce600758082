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

/** Each step of a finished operation with the time it took (started → finished, ms; null for one that did not run), in order: the profile behind a figure. */
export async function stepTimes(operationId: number): Promise<{ readonly name: string; readonly ms: number | null; readonly status: string }[]> {
  const { db } = await import('@/lib/db/client');
  const steps = await (await db()).operationStep.findMany({ where: { operationId }, orderBy: { position: 'asc' }, select: { name: true, status: true, startedAt: true, finishedAt: true } });
  return steps.map((step) => ({ name: step.name, status: step.status, ms: step.startedAt && step.finishedAt ? step.finishedAt.getTime() - step.startedAt.getTime() : null }));
}
