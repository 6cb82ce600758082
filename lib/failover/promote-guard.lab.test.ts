import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { formData } from '@/lib/testing/action-fixtures';
import { labClusterPaths, labExec, labSql } from '@/lab/client';
import type { CurrentUser } from '@/lib/auth/current-user';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'e'.repeat(64);

const operator: CurrentUser = { id: 'u-operator', email: 'operator@example.com', name: 'O', role: 'operator' };
vi.mock('@/lib/auth/current-user', () => ({ getCurrentUser: async () => operator, requireUser: async () => operator }));
vi.mock('next/headers', async () => {
  const { stampedHeaders } = await import('@/lib/testing/stamped-request');
  return { headers: async () => stampedHeaders('203.0.113.20') };
});

const { db } = await import('@/lib/db/client');
const { waitForOperation } = await import('@/lib/operations/runner');
const { getSshPool } = await import('@/lib/ssh/pool');
const { readMemberStates } = await import('@/lib/clusters/member-states');
const { labCluster, membersOf, operationRow, waitReplayed } = await import('./testing/promote-fixture');
const { startPromote } = await import('@/lib/actions/start-promote');
const { writableMembers } = await import('./writable');


describe('promote guard rails against the lab: lag guard, one promote at a time, fencing that holds at the next start', () => {
  let clusterId = 0;
  let hostIds: Record<string, number> = {};

  beforeAll(async () => {
    ({ clusterId, hostIds } = await labCluster());
  }, 300_000);

  afterAll(() => getSshPool().closeAll());

  it('refuses pg2 while its replay is paused 20+ MiB behind, then two concurrent overrides start exactly one promote', async () => {
    await labSql('pg2', 'SELECT pg_wal_replay_pause()');
    await labSql('pg1', "CREATE TABLE lag_lab (id int PRIMARY KEY, pad text); INSERT INTO lag_lab SELECT g, repeat('x', 200) FROM generate_series(1, 100000) g");
    const lsn = await labSql('pg1', 'SELECT pg_current_wal_lsn()');
    await waitReplayed('pg3', lsn);
    const fields = { clusterId: String(clusterId), candidate: 'pg2', confirmName: 'orders', reason: 'lab: planned test of the lag guard' };

    const refused = await startPromote(null, formData(fields));
    if (refused.ok) throw new Error('expected the lag guard to refuse');
    expect(refused.fieldErrors?.overrideBytes?.[0]).toMatch(/^Lag guard: pg2's replay is [\d.]+ MiB \((\d+) bytes\) behind the last known primary position, more than this cluster's limit of 16 MiB\./);
    const atRisk = Number(/\((\d+) bytes\)/.exec(refused.message)?.[1]);
    expect(atRisk).toBeGreaterThan(16 * 1024 * 1024);
    expect(await (await db()).operation.count({ where: { kind: 'promote' } })).toBe(0);

    await (await db()).cluster.update({ where: { id: clusterId }, data: { routingHooks: [{ hostId: hostIds.pg3, command: 'echo "route to $(hostname)"; echo hook-done', timeoutMs: 10_000 }] }, select: { id: true } });
    const override = { ...fields, overrideBytes: String(atRisk + 1024 * 1024) };
    const [first, second] = await Promise.all([startPromote(null, formData(override)), startPromote(null, formData(override))]);
    const winners = [first, second].filter((result) => result?.ok);
    const losers = [first, second].filter((result) => result && !result.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(losers[0]?.ok === false && losers[0].message).toMatch(/^Operation \d+ is already running on this cluster/);
    expect(await (await db()).operation.count({ where: { kind: 'promote' } })).toBe(1);
    const operationId = winners[0]?.ok ? winners[0].data.operationId : 0;
    const result = await waitForOperation(operationId);
    const row = await operationRow(operationId);
    expect(result?.status, JSON.stringify(row.steps.filter((step) => step.status === 'failed'))).toBe('succeeded');
    expect(row.reason).toMatch(/lag guard overridden/);
    expect(await (await db()).auditEvent.count({ where: { action: 'cluster.promote', outcome: 'failed' } })).toBe(2);

    expect(await labSql('pg2', 'SELECT count(*) FROM lag_lab')).toBe('100000');
    expect(await labSql('pg3', 'SELECT sender_host FROM pg_stat_wal_receiver')).toBe('10.88.0.12');
    const metrics = row.metrics as Record<string, number>;
    expect(metrics).toMatchObject({ fenceStopped: 1, fenceAcknowledged: 0, rpoBytes: 0 });
    expect(metrics.hooksMs).toBeGreaterThan(0);
    expect(metrics.rtoTotalMs).toBeGreaterThan((metrics.rtoWritableMs ?? 0) + (metrics.hooksMs ?? 0) - 1);
    const hookStep = row.steps.find((step) => step.name === 'Run the routing hooks');
    expect([hookStep?.commands, hookStep?.outputTail]).toEqual([['routing hook 1 on pg3'], 'routing hook 1 on pg3: running\nrouting hook 1 on pg3: ran, exit 0\n']);
    const adminDetail = hookStep?.adminDetail as { commands: string[]; outputTail: string } | null | undefined;
    expect(adminDetail?.outputTail).toMatch(/pg3: hook-done/);
    expect(adminDetail?.commands[0]).toMatch(/^\[pg3 as root\] sh -c 'echo "route to \$\(hostname\)"; echo hook-done'$/);
  }, 300_000);

  it('left pg1 stopped with its automatic start disabled, and fenced in Tandem', async () => {
    const status = await labExec('pg1', ['pg_ctlcluster', String(labClusterPaths('pg1').major), 'main', 'status']);
    expect(status.code).toBe(3);
    const { configDirectory, dataDirectory } = labClusterPaths('pg1');
    expect((await labExec('pg1', ['cat', `${configDirectory}/start.conf`])).stdout.trim()).toBe('manual');
    expect((await labExec('pg1', ['test', '-f', `${configDirectory}/start.conf.tandem-fence`])).code).toBe(0);
    expect((await labExec('pg1', ['test', '-f', `${dataDirectory}/standby.signal`])).code).toBe(0);
    expect(await membersOf(clusterId)).toContainEqual(expect.objectContaining({ name: 'pg1', fenced: true, role: 'replica' }));
  });

  it('a fenced pg1 started by hand outside Tandem comes up read-only (standby.signal), so only pg2 accepts writes', async () => {
    expect((await labExec('pg1', ['pg_ctlcluster', String(labClusterPaths('pg1').major), 'main', 'start'])).code).toBe(0);
    const states = await readMemberStates([hostIds.pg1 ?? 0, hostIds.pg2 ?? 0, hostIds.pg3 ?? 0]);
    const probes = [...states.entries()].map(([id, state]) => ({
      name: Object.entries(hostIds).find(([, hostId]) => hostId === id)?.[0] ?? String(id),
      reachable: state.reachable, inRecovery: state.reachable ? state.inRecovery : null, fenced: id === hostIds.pg1,
    }));
    expect(probes.find((probe) => probe.name === 'pg1')).toMatchObject({ reachable: true, inRecovery: true });
    expect(writableMembers(probes)).toEqual(['pg2']);
  }, 60_000);
});
