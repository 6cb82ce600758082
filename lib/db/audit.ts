import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { db } from './client';

export interface AuditInput {
  actorId: string | null;
  actorEmail: string;
  action: string;
  summary: string;
  targetType?: string;
  targetId?: string | number;
  targetName?: string;
  outcome?: 'ok' | 'denied' | 'failed';
  clientAddress?: string | null;
  details?: Prisma.InputJsonValue;
}

type Tx = Pick<Prisma.TransactionClient, 'auditEvent'>;

/** Appends one audit event; pass `tx` to make it part of the change it records. */
export async function recordAudit(event: AuditInput, tx?: Tx): Promise<void> {
  const client = tx ?? (await db());
  await client.auditEvent.create({
    data: {
      actorId: event.actorId,
      actorEmail: event.actorEmail,
      action: event.action,
      summary: event.summary,
      targetType: event.targetType ?? null,
      targetId: event.targetId === undefined ? null : String(event.targetId),
      targetName: event.targetName ?? null,
      outcome: event.outcome ?? 'ok',
      clientAddress: event.clientAddress ?? null,
      details: event.details,
    },
    select: { id: true },
  });
}

export interface AuditFilter {
  actor?: string;
  target?: string;
  from?: Date;
  to?: Date;
}

export const AUDIT_PAGE_SIZE = 100;

/** Newest first, filtered by actor e-mail, target (type, name or id) and time window. */
export async function listAuditEvents(filter: AuditFilter, before?: number) {
  const prisma = await db();
  const where: Prisma.AuditEventWhereInput = {
    ...(filter.actor ? { actorEmail: { contains: filter.actor, mode: 'insensitive' } } : {}),
    ...(filter.target
      ? {
          OR: [
            { targetName: { contains: filter.target, mode: 'insensitive' } },
            { targetType: { equals: filter.target, mode: 'insensitive' } },
            { targetId: filter.target },
          ],
        }
      : {}),
    at: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lte: filter.to } : {}) },
    ...(before ? { id: { lt: before } } : {}),
  };
  return prisma.auditEvent.findMany({
    where,
    orderBy: { id: 'desc' },
    take: AUDIT_PAGE_SIZE,
    select: {
      id: true,
      at: true,
      actorEmail: true,
      action: true,
      targetType: true,
      targetName: true,
      targetId: true,
      summary: true,
      outcome: true,
      clientAddress: true,
    },
  });
}
