import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import { decodeStepTarget, type StepTarget } from '@/lib/inventory/step-target';
import { INTERRUPTED_STEP_OUTCOME, lastKnownRunningAt, type PlannedRecord, type StepStatus } from '@/lib/replication/engine';
import { adminDetailJson } from './operations-store';
import { auditedBy, recordAudit, type AuditActor } from './audit';
import { db } from './client';
import { isUniqueViolation } from './errors';

/** The outcome of an operation whose runner stopped renewing its lease (it stopped, or lost the database). */
export function interruptedOutcome(runnerId: string | null): string {
  return `Tandem${runnerId ? ` instance ${runnerId}` : ''} stopped while this operation was running`;
}

/** An instance's name as a prefix (`name#`) and its current runner id. */
export interface RunnerName {
  readonly prefix: string;
  readonly current: string;
}

/** The Tandem instance running operations here, and how long its claim on each lasts unrenewed. */
export interface Runner {
  readonly id: string;
  readonly leaseMs: number;
}

/** Who starts, resumes or cancels an operation. */
export type OperationActor = AuditActor;

/** A planned step: its planned commands (secrets already redacted; see `plannedRecord`). */
export interface PlannedStep extends PlannedRecord {
  readonly name: string;
  readonly host: string | null;
  /** The machine the step acts on, fixed now; null for a step on Tandem itself. */
  readonly target: StepTarget | null;
}

export interface NewOperation {
  readonly kind: string;
  readonly clusterId: number | null;
  readonly params?: Prisma.InputJsonValue;
  readonly reason: string;
  readonly actor: OperationActor;
  readonly steps: readonly PlannedStep[];
  readonly runner: Runner;
}

export type OperationClaim = { ok: true; operationId: number } | { ok: false; message: string };

class LockRefused extends Error {}

async function lockHolderMessage(clusterId: number): Promise<string> {
  const lock = await (await db()).clusterLock.findUnique({ where: { clusterId }, select: { operationId: true } });
  return lock
    ? `Operation ${lock.operationId} is already running on this cluster; wait for it to end, or cancel it.`
    : 'Another operation was starting on this cluster at the same moment; try again.';
}

/**
 * Records a requested operation with its planned steps, takes the cluster's lock and
 * appends the audit event, all in one transaction. The lock is the `cluster_locks` row
 * keyed by the cluster: a second concurrent request fails on its primary key (not on a
 * read made before the insert), so at most one active operation per cluster can exist.
 * After: the operation is `pending`, owned by `input.runner` under a fresh lease, and nothing has run yet.
 */
export async function createOperation(input: NewOperation): Promise<OperationClaim> {
  const prisma = await db();
  try {
    const operationId = await prisma.$transaction(async (tx) => {
      const cluster = input.clusterId === null ? null : await tx.cluster.findUnique({ where: { id: input.clusterId }, select: { id: true, name: true } });
      if (input.clusterId !== null && !cluster) throw new LockRefused('This cluster no longer exists.');
      const operation = await tx.operation.create({
        data: {
          kind: input.kind,
          clusterId: cluster?.id ?? null,
          requestedById: input.actor.id,
          requestedBy: input.actor.email,
          reason: input.reason,
          params: input.params ?? {},
          runnerId: input.runner.id,
          steps: { create: input.steps.map((step, position) => ({ position, name: step.name, hostName: step.host, target: step.target ? { ...step.target } : Prisma.DbNull, commands: [...step.commands], adminDetail: adminDetailJson(step.adminDetail) })) },
        },
        select: { id: true },
      });
      await extendLease(tx, operation.id, input.runner);
      if (cluster) await tx.clusterLock.create({ data: { clusterId: cluster.id, operationId: operation.id }, select: { clusterId: true } });
      await recordAudit({
        ...auditedBy(input.actor), action: 'operation.start',
        summary: `Started operation ${operation.id} (${input.kind})${cluster ? ` on cluster ${cluster.name}` : ''}${input.reason ? `: ${input.reason}` : ''}`,
        targetType: 'operation', targetId: operation.id, targetName: input.kind,
        details: { clusterId: cluster?.id ?? null, steps: input.steps.length },
      }, tx);
      return operation.id;
    });
    return { ok: true, operationId };
  } catch (error: unknown) {
    if (error instanceof LockRefused) return { ok: false, message: error.message };
    if (isUniqueViolation(error) && input.clusterId !== null) return { ok: false, message: await lockHolderMessage(input.clusterId) };
    throw error;
  }
}

export interface StoredStep {
  readonly name: string;
  readonly hostName: string | null;
  readonly target: StepTarget | null;
  readonly status: StepStatus;
}

export interface ResumableOperation {
  readonly id: number;
  readonly kind: string;
  readonly clusterId: number | null;
  readonly params: Prisma.JsonValue;
  readonly status: string;
  readonly runnerId: string | null;
  /** Whether the runner's lease is still live by the database's clock. */
  readonly leaseLive: boolean;
  readonly steps: readonly StoredStep[];
}

/** What resume and cancel need: the stored request, who runs it, and the plan it was started with. */
export async function loadResumable(id: number): Promise<ResumableOperation | null> {
  const prisma = await db();
  const row = await prisma.operation.findUnique({
    where: { id },
    select: { id: true, kind: true, clusterId: true, params: true, status: true, runnerId: true, steps: { select: { name: true, hostName: true, target: true, status: true }, orderBy: { position: 'asc' } } },
  });
  if (!row) return null;
  const live = await prisma.$queryRaw<{ live: boolean }[]>`SELECT ("leaseExpiresAt" > now()) IS TRUE AS live FROM operations WHERE id = ${id}`;
  return { ...row, leaseLive: live[0]?.live === true, steps: row.steps.map((step) => ({ ...step, target: step.target === null ? null : decodeStepTarget(step.target) })) };
}

/** Sets the operation's lease to the database's now plus the runner's lease. */
async function extendLease(tx: Prisma.TransactionClient, id: number, runner: Runner): Promise<void> {
  await tx.$executeRaw`UPDATE operations SET "leaseExpiresAt" = now() + ${runner.leaseMs}::int * interval '1 millisecond' WHERE id = ${id}`;
}

/**
 * Heartbeat: renews the lease of every operation `runner` owns and is still running.
 * Returns the ids renewed; an operation the caller runs that is missing has been taken from it.
 */
export async function renewLeases(runner: Runner): Promise<number[]> {
  const rows = await (await db()).$queryRaw<{ id: number }[]>`
    UPDATE operations SET "leaseExpiresAt" = now() + ${runner.leaseMs}::int * interval '1 millisecond'
    WHERE "runnerId" = ${runner.id} AND status IN ('pending', 'running')
    RETURNING id`;
  return rows.map((row) => row.id);
}

/**
 * Moves an interrupted or failed operation back to `running` under `runner`, conditionally, so
 * two resumes cannot both win. An interrupted operation still holds its cluster's lock; a
 * failed one released it and must take it again (refused while another operation holds it).
 */
export async function claimResume(id: number, actor: OperationActor, runner: Runner): Promise<OperationClaim> {
  const prisma = await db();
  try {
    return await prisma.$transaction(async (tx) => {
      const operation = await tx.operation.findUnique({ where: { id }, select: { kind: true, status: true, clusterId: true, lock: { select: { clusterId: true } } } });
      if (!operation) throw new LockRefused('This operation no longer exists.');
      const claimed = await tx.operation.updateMany({ where: { id, status: { in: ['interrupted', 'failed'] } }, data: { status: 'running', finishedAt: null, runnerId: runner.id } });
      if (claimed.count === 0) throw new LockRefused(`Operation ${id} is ${operation.status}; only an interrupted or failed operation can be resumed.`);
      await extendLease(tx, id, runner);
      if (operation.clusterId !== null && !operation.lock) await tx.clusterLock.create({ data: { clusterId: operation.clusterId, operationId: id }, select: { clusterId: true } });
      await recordAudit({
        ...auditedBy(actor), action: 'operation.resume', summary: `Resumed operation ${id} (${operation.kind}), which was ${operation.status}`,
        targetType: 'operation', targetId: id, targetName: operation.kind, details: { runner: runner.id },
      }, tx);
      return { ok: true as const, operationId: id };
    });
  } catch (error: unknown) {
    if (error instanceof LockRefused) return { ok: false, message: error.message };
    const clusterId = (await loadResumable(id))?.clusterId ?? null;
    if (isUniqueViolation(error) && clusterId !== null) return { ok: false, message: await lockHolderMessage(clusterId) };
    throw error;
  }
}

/** Cancels an interrupted operation (nothing is running it) and releases its cluster's lock. */
export async function cancelInterrupted(id: number, actor: OperationActor): Promise<OperationClaim> {
  return (await db()).$transaction(async (tx) => {
    const now = new Date();
    const cancelled = await tx.operation.updateMany({
      where: { id, status: 'interrupted' },
      data: { status: 'cancelled', finishedAt: now, outcome: `Cancelled by ${actor.email} after Tandem stopped while it was running; check the hosts before starting again.` },
    });
    if (cancelled.count === 0) return { ok: false as const, message: `Operation ${id} is not interrupted.` };
    await tx.clusterLock.deleteMany({ where: { operationId: id } });
    await recordAudit({
      ...auditedBy(actor), action: 'operation.cancel', summary: `Cancelled interrupted operation ${id}`,
      targetType: 'operation', targetId: id,
    }, tx);
    return { ok: true as const, operationId: id };
  });
}

/**
 * Marks `interrupted` every running or pending operation whose runner's lease has expired
 * by the database's clock (an operation without a lease, from before leases, counts as
 * expired): its runner stopped, or lost the database, so nothing drives it any more. The
 * cluster's lock is kept for a resume. A step left `running` is marked failed because
 * whether it finished is unknown, its end set to the last moment Tandem knew it ran (not to
 * now, which came an unknown while later). Returns their ids. Operations another live
 * instance runs are untouched. `earlierSelf` (at start-up) also takes, at once, the operations an
 * earlier process of this same instance left (same name, another start).
 */
export async function interruptExpiredOperations(options: { readonly earlierSelf?: RunnerName } = {}): Promise<number[]> {
  const earlier = options.earlierSelf;
  return (await db()).$transaction(async (tx) => {
    const stale = await tx.$queryRaw<{ id: number; runnerId: string | null }[]>`
      SELECT id, "runnerId" FROM operations
      WHERE status IN ('running', 'pending')
        AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" <= now()
             OR (${earlier?.prefix ?? null}::text IS NOT NULL AND starts_with("runnerId", ${earlier?.prefix ?? ''}) AND "runnerId" <> ${earlier?.current ?? ''}))
      ORDER BY id FOR UPDATE`;
    for (const operation of stale) {
      await tx.operation.updateMany({ where: { id: operation.id, status: { in: ['running', 'pending'] } }, data: { status: 'interrupted', outcome: interruptedOutcome(operation.runnerId), leaseExpiresAt: null } });
    }
    const ids = stale.map((operation) => operation.id);
    if (ids.length === 0) return ids;
    const running = await tx.operationStep.findMany({ where: { operationId: { in: ids }, status: 'running' }, select: { id: true, startedAt: true, progress: true } });
    for (const step of running) {
      const progressAt = typeof step.progress === 'object' && step.progress !== null && !Array.isArray(step.progress) && typeof step.progress.at === 'string' ? step.progress.at : null;
      const finishedAt = step.startedAt ? lastKnownRunningAt(step.startedAt, progressAt) : null;
      await tx.operationStep.update({ where: { id: step.id }, data: { status: 'failed', finishedAt, outcome: INTERRUPTED_STEP_OUTCOME }, select: { id: true } });
    }
    return ids;
  });
}

/** Last resort when a run itself broke (e.g. the database went away mid-run); only while `runner` still owns it. */
export async function failOperation(id: number, runner: Runner, outcome: string): Promise<void> {
  await (await db()).$transaction(async (tx) => {
    const { count } = await tx.operation.updateMany({ where: { id, runnerId: runner.id, status: { in: ['running', 'pending'] } }, data: { status: 'failed', outcome, finishedAt: new Date(), leaseExpiresAt: null } });
    if (count > 0) await tx.clusterLock.deleteMany({ where: { operationId: id } });
  });
}
