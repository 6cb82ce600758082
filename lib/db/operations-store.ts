import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import { OwnershipLost, type OperationEnd, type OperationStore, type StepAdminDetail, type StepEnd, type StepLiveState, type StoredProgress } from '@/lib/replication/engine';
import { db } from './client';

function progressJson(progress: StoredProgress | null): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return progress === null ? Prisma.DbNull : { ...progress };
}

/** A restricted step's admin detail as stored (operation_steps.adminDetail), SQL NULL for every other step. */
export function adminDetailJson(detail: StepAdminDetail | null): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return detail === null ? Prisma.DbNull : { commands: [...detail.commands], outputTail: detail.outputTail };
}

/** The operation rows a run may still write: its own, while it runs. */
function owned(id: number, runnerId: string) {
  return { id, runnerId, status: { in: ['pending', 'running'] } } satisfies Prisma.OperationWhereInput;
}

/**
 * The engine's {@link OperationStore} on Tandem's database, for one run by `runnerId`. Every
 * write is conditional on that instance still owning the operation (same runner, still
 * running); when it does not, the write changes nothing and raises {@link OwnershipLost}.
 * The final write releases the cluster's lock. A resumed operation's `startedAt` is the
 * start of its last run (the audit log keeps the earlier ones).
 */
export function dbOperationStore(runnerId: string): OperationStore {
  const mustOwn = (id: number, count: number): void => {
    if (count === 0) throw new OwnershipLost(id);
  };
  return {
    async operationStarted(id, at) {
      mustOwn(id, (await (await db()).operation.updateMany({ where: owned(id, runnerId), data: { status: 'running', startedAt: at, finishedAt: null, outcome: null } })).count);
    },

    async stepStarted(id, position, at) {
      const { count } = await (await db()).operationStep.updateMany({
        where: { operationId: id, position, operation: owned(id, runnerId) },
        data: { status: 'running', startedAt: at, finishedAt: null, outcome: null, outputTail: '', progress: Prisma.DbNull },
      });
      mustOwn(id, count);
    },

    async stepUpdated(id: number, state: StepLiveState) {
      await (await db()).operationStep.updateMany({
        where: { operationId: id, position: state.position, status: 'running', operation: owned(id, runnerId) },
        data: { commands: [...state.commands], outputTail: state.outputTail, adminDetail: adminDetailJson(state.adminDetail), progress: progressJson(state.progress) },
      });
    },

    async stepFinished(id: number, end: StepEnd) {
      const prisma = await db();
      const where = { operationId: id, position: end.position, operation: owned(id, runnerId) };
      const { count } = await prisma.operationStep.updateMany({
        where,
        data: { status: end.status, finishedAt: end.at, outcome: end.outcome, commands: [...end.commands], outputTail: end.outputTail, adminDetail: adminDetailJson(end.adminDetail), progress: progressJson(end.progress) },
      });
      mustOwn(id, count);
      await prisma.operationStep.updateMany({ where: { ...where, startedAt: null }, data: { startedAt: end.at } });
    },

    async operationFinished(id: number, end: OperationEnd) {
      await (await db()).$transaction(async (tx) => {
        const { count } = await tx.operation.updateMany({ where: owned(id, runnerId), data: { status: end.status, finishedAt: end.at, outcome: end.outcome, metrics: { ...end.metrics }, leaseExpiresAt: null } });
        mustOwn(id, count);
        await tx.clusterLock.deleteMany({ where: { operationId: id } });
      });
    },
  };
}
