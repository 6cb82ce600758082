import 'server-only';
import type { ServiceControl } from '@/lib/discovery/facts';
import { decodeHostFacts } from '@/lib/discovery/facts-schema';
import { recordAudit } from './audit';
import { db } from './client';

/** A member Tandem has fenced, as the fence guard needs it. */
export interface FencedMember {
  readonly clusterId: number;
  readonly clusterName: string;
  readonly hostId: number;
  readonly name: string;
  readonly control: ServiceControl;
  readonly dataDirectory: string | null;
  readonly major: number;
  /** Null while the fence is only Tandem's record (fenced on an acknowledgement). */
  readonly enforcedAt: Date | null;
  /** An operation holds the cluster's lock (a rejoin stops and starts this member itself). */
  readonly operationRunning: boolean;
}

/** Every fenced member of every cluster, with its control method and data directory from the last discovery. */
export async function listFencedMembers(): Promise<FencedMember[]> {
  const rows = await (await db()).clusterMember.findMany({
    where: { fenced: true },
    select: {
      fenceEnforcedAt: true,
      cluster: { select: { id: true, name: true, pgMajor: true, lock: { select: { operationId: true } } } },
      host: { select: { id: true, name: true, discovery: { select: { facts: true } } } },
    },
    orderBy: { id: 'asc' },
  });
  return rows.map((row) => {
    const facts = decodeHostFacts(row.host.discovery?.facts);
    const major = row.cluster.pgMajor ?? 15;
    return {
      clusterId: row.cluster.id, clusterName: row.cluster.name, hostId: row.host.id, name: row.host.name,
      control: facts?.cluster?.control ?? { kind: 'pg_ctlcluster', version: String(major), name: 'main' },
      dataDirectory: facts?.cluster?.dataDirectory ?? null, major, enforcedAt: row.fenceEnforcedAt, operationRunning: row.cluster.lock !== null,
    };
  });
}

export interface FenceEnforcementInput {
  readonly member: FencedMember;
  readonly trigger: 'writable' | 'answered';
  readonly answeredAt: Date;
  readonly wasRunning: boolean;
  readonly stoppedAt: Date | null;
  readonly ok: boolean;
  readonly outcome: string;
  readonly commands: readonly string[];
}

/**
 * Records what the fence guard did, in one transaction with its audit event (actor
 * `tandem`); a successful enforcement also marks the fence as made safe on the host.
 */
export async function recordFenceEnforcement(input: FenceEnforcementInput): Promise<void> {
  const { member } = input;
  const windowMs = input.stoppedAt ? Math.max(0, input.stoppedAt.getTime() - input.answeredAt.getTime()) : null;
  await (await db()).$transaction(async (tx) => {
    await tx.fenceEnforcement.create({
      data: {
        clusterId: member.clusterId, hostId: member.hostId, trigger: input.trigger, answeredAt: input.answeredAt, wasRunning: input.wasRunning,
        stoppedAt: input.stoppedAt, windowMs, ok: input.ok, outcome: input.outcome.slice(0, 1000), commands: [...input.commands],
      },
      select: { id: true },
    });
    if (input.ok) await tx.clusterMember.updateMany({ where: { clusterId: member.clusterId, hostId: member.hostId, fenced: true }, data: { fenceEnforcedAt: new Date() } });
    await recordAudit({
      actorId: null, actorEmail: 'tandem', action: 'fence.enforce', summary: input.outcome.slice(0, 500), targetType: 'cluster', targetId: member.clusterId,
      targetName: member.clusterName, outcome: input.ok ? 'ok' : 'failed',
      details: { host: member.name, trigger: input.trigger, answeredAt: input.answeredAt.toISOString(), stoppedAt: input.stoppedAt?.toISOString() ?? null, windowMs, commands: [...input.commands] },
    }, tx);
  });
}

export interface FenceEnforcementView {
  readonly hostName: string;
  readonly trigger: string;
  readonly answeredAt: Date;
  readonly wasRunning: boolean;
  readonly stoppedAt: Date | null;
  readonly windowMs: number | null;
  readonly ok: boolean;
  readonly outcome: string;
}

/** The newest enforcement per member still fenced (since it was fenced), for the cluster page's banner. */
export async function latestFenceEnforcements(clusterId: number): Promise<FenceEnforcementView[]> {
  const prisma = await db();
  const fenced = await prisma.clusterMember.findMany({ where: { clusterId, fenced: true }, select: { hostId: true, fencedAt: true } });
  if (fenced.length === 0) return [];
  const since = new Map(fenced.map((member) => [member.hostId, member.fencedAt?.getTime() ?? -Infinity]));
  const rows = await prisma.fenceEnforcement.findMany({
    where: { clusterId, hostId: { in: [...since.keys()] } },
    orderBy: { id: 'desc' },
    select: { hostId: true, createdAt: true, trigger: true, answeredAt: true, wasRunning: true, stoppedAt: true, windowMs: true, ok: true, outcome: true, host: { select: { name: true } } },
  });
  const views = new Map<number, FenceEnforcementView>();
  for (const { hostId, host, createdAt, ...row } of rows) {
    if (!views.has(hostId) && createdAt.getTime() >= (since.get(hostId) ?? Infinity)) views.set(hostId, { ...row, hostName: host.name });
  }
  return [...views.values()];
}
