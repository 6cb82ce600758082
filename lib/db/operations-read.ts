import 'server-only';
import { z } from 'zod';
import type { Prisma } from '@/generated/prisma/client';
import { can, type Role } from '@/lib/auth/roles';
import type { OperationStatus, StepStatus, StoredProgress } from '@/lib/replication/engine';
import { db } from './client';

/** What pages and the live route may see of an operation: never its params. */
const operationSelect = {
  id: true,
  kind: true,
  status: true,
  requestedBy: true,
  reason: true,
  outcome: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  cluster: { select: { id: true, name: true } },
} satisfies Prisma.OperationSelect;

const stepSelect = {
  position: true, name: true, hostName: true, status: true, commands: true, outputTail: true, adminDetail: true, outcome: true, progress: true, startedAt: true, finishedAt: true,
} satisfies Prisma.OperationStepSelect;

const adminDetailSchema = z.object({ commands: z.array(z.string()), outputTail: z.string() });

export interface OperationSummaryView {
  id: number;
  kind: string;
  status: OperationStatus;
  cluster: { id: number; name: string } | null;
  requestedBy: string;
  reason: string;
  outcome: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface OperationStepView {
  position: number;
  name: string;
  host: string | null;
  status: StepStatus;
  commands: string[];
  outputTail: string;
  /** Its commands and output are for admins only (routing hooks): others see what ran, not how. */
  restricted: boolean;
  outcome: string | null;
  progress: StoredProgress | null;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface OperationView extends OperationSummaryView {
  steps: OperationStepView[];
}

type SummaryRow = Prisma.OperationGetPayload<{ select: typeof operationSelect }>;
type StepRow = Prisma.OperationStepGetPayload<{ select: typeof stepSelect }>;

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

function toSummary(row: SummaryRow): OperationSummaryView {
  return { ...row, createdAt: row.createdAt.toISOString(), startedAt: iso(row.startedAt), finishedAt: iso(row.finishedAt) };
}

function toProgress(value: Prisma.JsonValue): StoredProgress | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { done, total } = value;
  if (typeof done !== 'number' || (typeof total !== 'number' && total !== null)) return null;
  const num = (field: Prisma.JsonValue | undefined): number | null => (typeof field === 'number' ? field : null);
  return {
    done, total,
    unit: value.unit === 'count' ? 'count' : 'bytes',
    ratePerSecond: num(value.ratePerSecond),
    etaSeconds: num(value.etaSeconds),
    at: typeof value.at === 'string' ? value.at : '',
    ...(typeof value.label === 'string' ? { label: value.label } : {}),
  };
}

/**
 * One step as `reader` may see it: a restricted step's full commands and output only for an
 * admin, from its admin detail (an undecodable detail shows the public view, never more).
 */
function toStep(row: StepRow, reader: OperationReader): OperationStepView {
  const detail = row.adminDetail === null ? null : adminDetailSchema.safeParse(row.adminDetail);
  const full = reader.admin && detail?.success ? detail.data : { commands: row.commands, outputTail: row.outputTail };
  return {
    position: row.position, name: row.name, host: row.hostName, status: row.status, commands: full.commands, outputTail: full.outputTail, restricted: detail !== null,
    outcome: row.outcome, progress: row.progress === null ? null : toProgress(row.progress), startedAt: iso(row.startedAt), finishedAt: iso(row.finishedAt),
  };
}

export const OPERATIONS_PAGE_SIZE = 100;

/** Newest first, at most `limit` (a page by default); optionally only one cluster's operations. */
export async function listOperations(filter: { clusterId?: number; limit?: number } = {}): Promise<OperationSummaryView[]> {
  const rows = await (await db()).operation.findMany({
    where: filter.clusterId === undefined ? {} : { clusterId: filter.clusterId },
    orderBy: { id: 'desc' },
    take: filter.limit ?? OPERATIONS_PAGE_SIZE,
    select: operationSelect,
  });
  return rows.map(toSummary);
}

/** Who reads an operation: an admin sees restricted steps in full. */
export interface OperationReader {
  readonly admin: boolean;
}

/** The reader a role is: admins are those who may edit routing hooks (`settings.manage`). */
export function operationReader(role: Role): OperationReader {
  return { admin: can(role, 'settings.manage') };
}

export async function findOperation(id: number, reader: OperationReader): Promise<OperationView | null> {
  const row = await (await db()).operation.findUnique({
    where: { id },
    select: { ...operationSelect, steps: { select: stepSelect, orderBy: { position: 'asc' } } },
  });
  return row ? { ...toSummary(row), steps: row.steps.map((step) => toStep(step, reader)) } : null;
}

/** An operation's progress for the event stream: its summary and each step's state, never commands or output. */
export interface OperationProgressView extends OperationSummaryView {
  steps: Pick<OperationStepView, 'position' | 'name' | 'host' | 'status' | 'outcome' | 'progress'>[];
}

/** Operations active now, or created or finished since `since`, oldest first; optionally one cluster's. */
export async function readOperationProgress(since: Date, filter: { clusterId?: number } = {}): Promise<OperationProgressView[]> {
  const rows = await (await db()).operation.findMany({
    where: {
      ...(filter.clusterId === undefined ? {} : { clusterId: filter.clusterId }),
      OR: [{ status: { in: ['pending', 'running', 'interrupted'] } }, { createdAt: { gte: since } }, { finishedAt: { gte: since } }],
    },
    orderBy: { id: 'asc' },
    take: OPERATIONS_PAGE_SIZE,
    select: { ...operationSelect, steps: { select: { position: true, name: true, hostName: true, status: true, outcome: true, progress: true }, orderBy: { position: 'asc' } } },
  });
  return rows.map((row) => ({
    ...toSummary(row),
    steps: row.steps.map((step) => ({ position: step.position, name: step.name, host: step.hostName, status: step.status, outcome: step.outcome, progress: step.progress === null ? null : toProgress(step.progress) })),
  }));
}

/** The operation holding a cluster's lock (running, pending or interrupted), if any. */
export async function activeOperationId(clusterId: number): Promise<number | null> {
  const lock = await (await db()).clusterLock.findUnique({ where: { clusterId }, select: { operationId: true } });
  return lock?.operationId ?? null;
}

/** Member hosts of a cluster with their roles, primary first. */
export async function loadClusterHosts(clusterId: number): Promise<{ name: string; role: 'primary' | 'replica' }[]> {
  const members = await (await db()).clusterMember.findMany({
    where: { clusterId },
    select: { role: true, host: { select: { name: true } } },
    orderBy: [{ role: 'asc' }, { host: { name: 'asc' } }],
  });
  return members.map((member) => ({ name: member.host.name, role: member.role }));
}

