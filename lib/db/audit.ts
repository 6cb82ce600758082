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
  /** How the actor acted when not through a signed-in page, e.g. `token deploy-bot` for a call to /api/v1. */
  actorVia?: string | null;
  details?: Prisma.InputJsonValue;
}

/** Who acts, as actions and operations carry it: the user, where from, and how when not through a page (`via`). */
export interface AuditActor {
  readonly id: string | null;
  readonly email: string;
  readonly clientAddress?: string | null;
  readonly via?: string | null;
}

export interface AuditedBy {
  readonly actorId: string | null;
  readonly actorEmail: string;
  readonly clientAddress: string | null;
  readonly actorVia: string | null;
}

/** The actor in the shape an audit record takes. */
export function auditedBy(actor: AuditActor): AuditedBy {
  return { actorId: actor.id, actorEmail: actor.email, clientAddress: actor.clientAddress ?? null, actorVia: actor.via ?? null };
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
      actorVia: event.actorVia ?? null,
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
      actorVia: true,
    },
  });
}
