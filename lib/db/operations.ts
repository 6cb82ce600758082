import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import { INTERRUPTED_STEP_OUTCOME, lastKnownRunningAt, type StepStatus } from '@/lib/replication/engine';
import { recordAudit } from './audit';
import { db } from './client';

export const INTERRUPTED_OUTCOME = 'Tandem stopped while this operation was running';

export interface OperationActor {
  readonly id: string | null;
  readonly email: string;
  readonly clientAddress?: string | null;
}

export interface PlannedStep {
  readonly name: string;
  readonly host: string | null;
  /** Planned commands, secrets already redacted. */
  readonly commands: readonly string[];
}

export interface NewOperation {
  readonly kind: string;
  readonly clusterId: number | null;
  readonly params?: Prisma.InputJsonValue;
  readonly reason: string;
  readonly actor: OperationActor;
  readonly steps: readonly PlannedStep[];
}

export type OperationClaim = { ok: true; operationId: number } | { ok: false; message: string };

class LockRefused extends Error {}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

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
 * After: the operation is `pending` and nothing has run yet.
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
          steps: { create: input.steps.map((step, position) => ({ position, name: step.name, hostName: step.host, commands: [...step.commands] })) },
        },
        select: { id: true },
      });
      if (cluster) await tx.clusterLock.create({ data: { clusterId: cluster.id, operationId: operation.id }, select: { clusterId: true } });
      await recordAudit({
        actorId: input.actor.id, actorEmail: input.actor.email, action: 'operation.start',
        summary: `Started operation ${operation.id} (${input.kind})${cluster ? ` on cluster ${cluster.name}` : ''}${input.reason ? `: ${input.reason}` : ''}`,
        targetType: 'operation', targetId: operation.id, targetName: input.kind, clientAddress: input.actor.clientAddress ?? null,
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

export interface ResumableOperation {
  readonly id: number;
  readonly kind: string;
  readonly clusterId: number | null;
  readonly params: Prisma.JsonValue;
  readonly status: string;
  readonly steps: readonly { readonly name: string; readonly hostName: string | null; readonly status: StepStatus }[];
}

/** What resume needs to rebuild and compare an operation's plan. */
export async function loadResumable(id: number): Promise<ResumableOperation | null> {
  return (await db()).operation.findUnique({
    where: { id },
    select: { id: true, kind: true, clusterId: true, params: true, status: true, steps: { select: { name: true, hostName: true, status: true }, orderBy: { position: 'asc' } } },
  });
}

/**
 * Moves an interrupted or failed operation back to `running`, conditionally, so two
 * resumes cannot both win. An interrupted operation still holds its cluster's lock; a
 * failed one released it and must take it again (refused while another operation holds it).
 */
export async function claimResume(id: number, actor: OperationActor): Promise<OperationClaim> {
  const prisma = await db();
  try {
    return await prisma.$transaction(async (tx) => {
      const operation = await tx.operation.findUnique({ where: { id }, select: { kind: true, status: true, clusterId: true, lock: { select: { clusterId: true } } } });
      if (!operation) throw new LockRefused('This operation no longer exists.');
      const claimed = await tx.operation.updateMany({ where: { id, status: { in: ['interrupted', 'failed'] } }, data: { status: 'running', finishedAt: null } });
      if (claimed.count === 0) throw new LockRefused(`Operation ${id} is ${operation.status}; only an interrupted or failed operation can be resumed.`);
      if (operation.clusterId !== null && !operation.lock) await tx.clusterLock.create({ data: { clusterId: operation.clusterId, operationId: id }, select: { clusterId: true } });
      await recordAudit({
        actorId: actor.id, actorEmail: actor.email, action: 'operation.resume', summary: `Resumed operation ${id} (${operation.kind}), which was ${operation.status}`,
        targetType: 'operation', targetId: id, targetName: operation.kind, clientAddress: actor.clientAddress ?? null,
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
      actorId: actor.id, actorEmail: actor.email, action: 'operation.cancel', summary: `Cancelled interrupted operation ${id}`,
      targetType: 'operation', targetId: id, clientAddress: actor.clientAddress ?? null,
    }, tx);
    return { ok: true as const, operationId: id };
  });
}

/**
 * At start-up nothing can be running yet: operations left `running` or `pending` are
 * marked `interrupted` (keeping their cluster's lock for a resume), and a step left
 * `running` is marked failed because whether it finished is unknown, its end set to the last
 * moment Tandem knew it ran (not to this restart, which came an unknown while later). Returns their ids.
 */
export async function markInterruptedOperations(): Promise<number[]> {
  return (await db()).$transaction(async (tx) => {
    const stale = await tx.operation.findMany({ where: { status: { in: ['running', 'pending'] } }, select: { id: true }, orderBy: { id: 'asc' } });
    const ids = stale.map((operation) => operation.id);
    if (ids.length === 0) return ids;
    await tx.operation.updateMany({ where: { id: { in: ids } }, data: { status: 'interrupted', outcome: INTERRUPTED_OUTCOME } });
    const running = await tx.operationStep.findMany({ where: { operationId: { in: ids }, status: 'running' }, select: { id: true, startedAt: true, progress: true } });
    for (const step of running) {
      const progressAt = typeof step.progress === 'object' && step.progress !== null && !Array.isArray(step.progress) && typeof step.progress.at === 'string' ? step.progress.at : null;
      const finishedAt = step.startedAt ? lastKnownRunningAt(step.startedAt, progressAt) : null;
      await tx.operationStep.update({ where: { id: step.id }, data: { status: 'failed', finishedAt, outcome: INTERRUPTED_STEP_OUTCOME }, select: { id: true } });
    }
    return ids;
  });
}

/** Last resort when the runner itself broke (e.g. the database went away mid-run). */
export async function failOperation(id: number, outcome: string): Promise<void> {
  await (await db()).$transaction(async (tx) => {
    await tx.operation.updateMany({ where: { id, status: { in: ['running', 'pending'] } }, data: { status: 'failed', outcome, finishedAt: new Date() } });
    await tx.clusterLock.deleteMany({ where: { operationId: id } });
  });
}
