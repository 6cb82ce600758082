import { db } from '@/lib/db/client';
import { labSql } from '@/lab/client';
import { waitForOperation } from '@/lib/operations/runner';
import { literal, sql } from '@/lib/pg/sql';
import { labSetupForm, registerLabHosts, startLabSetup } from '@/lib/setup/testing/lab-fixture';
import type { PromoteRequest } from '../guards';

/** Sets up cluster `orders`: pg1 primary, pg2 and pg3 streaming replicas; returns the cluster and host ids. */
export async function labCluster(): Promise<{ clusterId: number; hostIds: Record<string, number> }> {
  const hostIds = await registerLabHosts(['pg1', 'pg2', 'pg3']);
  const setup = await startLabSetup(labSetupForm(hostIds.pg1 ?? 0, [hostIds.pg2 ?? 0, hostIds.pg3 ?? 0]));
  const result = await waitForOperation(setup.operationId);
  if (result?.status !== 'succeeded') throw new Error(`setup ${result?.status}: ${result?.outcome}`);
  return { clusterId: setup.clusterId, hostIds };
}

/** Waits until `host` has replayed up to `lsn`. */
export async function waitReplayed(host: string, lsn: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if ((await labSql(host, sql`SELECT pg_last_wal_replay_lsn() >= ${literal(lsn)}::pg_lsn`)) === 't') return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${host} did not replay ${lsn} within ${timeoutMs} ms`);
}

export function promoteRequest(overrides: Partial<PromoteRequest> = {}): PromoteRequest {
  return { candidate: 'pg2', confirmName: 'orders', reason: 'lab: primary lost', acknowledgeDown: false, overrideBytes: '', ...overrides };
}

export async function operationRow(id: number) {
  return (await db()).operation.findUniqueOrThrow({
    where: { id },
    select: { status: true, outcome: true, metrics: true, reason: true, steps: { select: { name: true, status: true, outcome: true, outputTail: true, commands: true, adminDetail: true }, orderBy: { position: 'asc' } } },
  });
}

export async function membersOf(clusterId: number) {
  const rows = await (await db()).clusterMember.findMany({ where: { clusterId }, select: { role: true, fenced: true, fenceReason: true, host: { select: { name: true } } }, orderBy: { host: { name: 'asc' } } });
  return rows.map((row) => ({ name: row.host.name, role: row.role, fenced: row.fenced, fenceReason: row.fenceReason }));
}
