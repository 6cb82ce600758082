import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import type { OperationEnd, OperationStore, StepEnd, StepLiveState, StoredProgress } from '@/lib/replication/engine';
import { db } from './client';

function progressJson(progress: StoredProgress | null): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return progress === null ? Prisma.DbNull : { ...progress };
}

/**
 * The engine's {@link OperationStore} on Tandem's database; the final write releases the
 * cluster's lock. A resumed operation's `startedAt` is the start of its last run (the audit
 * log keeps the earlier ones).
 */
export const dbOperationStore: OperationStore = {
  async operationStarted(id: number, at: Date): Promise<void> {
    await (await db()).operation.update({ where: { id }, data: { status: 'running', startedAt: at, finishedAt: null, outcome: null }, select: { id: true } });
  },

  async stepStarted(id: number, position: number, at: Date): Promise<void> {
    await (await db()).operationStep.update({
      where: { operationId_position: { operationId: id, position } },
      data: { status: 'running', startedAt: at, finishedAt: null, outcome: null, outputTail: '', progress: Prisma.DbNull },
      select: { id: true },
    });
  },

  async stepUpdated(id: number, state: StepLiveState): Promise<void> {
    await (await db()).operationStep.updateMany({
      where: { operationId: id, position: state.position, status: 'running' },
      data: { commands: [...state.commands], outputTail: state.outputTail, progress: progressJson(state.progress) },
    });
  },

  async stepFinished(id: number, end: StepEnd): Promise<void> {
    const prisma = await db();
    const step = await prisma.operationStep.update({
      where: { operationId_position: { operationId: id, position: end.position } },
      data: { status: end.status, finishedAt: end.at, outcome: end.outcome, commands: [...end.commands], outputTail: end.outputTail, progress: progressJson(end.progress) },
      select: { id: true, startedAt: true },
    });
    if (!step.startedAt) await prisma.operationStep.update({ where: { id: step.id }, data: { startedAt: end.at }, select: { id: true } });
  },

  async operationFinished(id: number, end: OperationEnd): Promise<void> {
    await (await db()).$transaction(async (tx) => {
      await tx.operation.update({ where: { id }, data: { status: end.status, finishedAt: end.at, outcome: end.outcome, metrics: { ...end.metrics } }, select: { id: true } });
      await tx.clusterLock.deleteMany({ where: { operationId: id } });
    });
  },
};
