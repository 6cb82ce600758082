import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labSql } from '@/lab/client';
import { TEST_USERS } from '@/lib/testing/action-fixtures';
import { callApi } from './testing/api-call';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = '7'.repeat(64);

const { db } = await import('@/lib/db/client');
const { getSshPool } = await import('@/lib/ssh/pool');
const { issueApiToken } = await import('@/lib/auth/api-token');
const { insertApiToken } = await import('@/lib/db/api-tokens');
const { labCluster } = await import('@/lib/failover/testing/promote-fixture');
const start = await import('@/app/api/v1/clusters/[id]/operations/route');
const operation = await import('@/app/api/v1/operations/[id]/route');
const cluster = await import('@/app/api/v1/clusters/[id]/route');

/** A token of `user` stored as the settings page stores one; revoked at once when `revoked`. */
async function tokenOf(user: (typeof TEST_USERS)[keyof typeof TEST_USERS], name: string, revoked = false): Promise<string> {
  const issued = issueApiToken();
  const prisma = await db();
  const id = await insertApiToken(prisma, { userId: user.id, name, role: user.role, lookupId: issued.lookupId, secretHash: issued.secretHash, expiresAt: new Date(Date.now() + 86_400_000) });
  if (revoked) await prisma.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
  return issued.token;
}

/** Polls GET /operations/{id} until the operation ends; its last state. */
async function untilFinished(token: string, operationId: number, timeoutMs = 240_000): Promise<{ status: string; outcome: string | null; steps: { name: string; status: string; outcome: string | null }[] }> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const view = (await (await callApi(operation, 'GET', `/operations/${operationId}`, { token, params: { id: String(operationId) } })).json()) as { status: string; outcome: string | null; steps: { name: string; status: string; outcome: string | null }[] };
    if (!['pending', 'running'].includes(view.status) || Date.now() > until) return view;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('switchover and promote driven through /api/v1 only, against the lab', () => {
  let clusterId = 0;
  const tokens = { operator: '', viewer: '', revoked: '' };
  const post = (token: string, body: unknown) => callApi(start, 'POST', `/clusters/${clusterId}/operations`, { token, params: { id: String(clusterId) }, body });
  const topology = async (token: string) => {
    const view = (await (await callApi(cluster, 'GET', `/clusters/${clusterId}`, { token, params: { id: String(clusterId) } })).json()) as { members: { role: string; fenced: boolean; host: { name: string } }[] };
    return view.members.map((member) => [member.host.name, member.role, member.fenced]).sort();
  };

  beforeAll(async () => {
    ({ clusterId } = await labCluster());
    const prisma = await db();
    for (const user of [TEST_USERS.operator, TEST_USERS.viewer]) await prisma.user.create({ data: { id: user.id, name: user.name, email: user.email, role: user.role } });
    tokens.operator = await tokenOf(TEST_USERS.operator, 'lab-ops');
    tokens.viewer = await tokenOf(TEST_USERS.viewer, 'lab-viewer');
    tokens.revoked = await tokenOf(TEST_USERS.operator, 'lab-revoked', true);
  }, 300_000);

  afterAll(() => getSshPool().closeAll());

  it('switches over to pg2 with an operator token: 202, the operation succeeds, pg1 streams from pg2', async () => {
    const switchover = { kind: 'switchover', candidate: 'pg2', confirm: 'orders', reason: 'lab: switchover through the API' };
    expect((await post(tokens.viewer, switchover)).status).toBe(403);
    expect((await post(tokens.revoked, switchover)).status).toBe(401);
    const response = await post(tokens.operator, switchover);
    expect(response.status).toBe(202);
    const { operationId } = (await response.json()) as { operationId: number };
    const finished = await untilFinished(tokens.viewer, operationId);
    expect(finished.status, JSON.stringify(finished.steps.filter((step) => step.status === 'failed'))).toBe('succeeded');
    expect(await labSql('pg2', 'SELECT pg_is_in_recovery()')).toBe('f');
    expect(await labSql('pg1', 'SELECT sender_host || status FROM pg_stat_wal_receiver')).toBe('10.88.0.12streaming');
    expect(await topology(tokens.viewer)).toEqual([['pg1', 'replica', false], ['pg2', 'primary', false], ['pg3', 'replica', false]]);
    const audit = await (await db()).auditEvent.findFirstOrThrow({ where: { action: 'operation.start', targetId: String(operationId) }, select: { actorEmail: true, actorVia: true } });
    expect(audit).toEqual({ actorEmail: TEST_USERS.operator.email, actorVia: 'token lab-ops' });
  }, 300_000);

  it('refuses a promote without confirm (422, fields named), a viewer (403) and a revoked token (401); then promotes pg3 and fences pg2', async () => {
    const refused = await post(tokens.operator, { kind: 'promote', candidate: 'pg3', reason: 'lab: promote through the API' });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { errors: Record<string, string[]> }).errors).toMatchObject({ confirm: ['Type the cluster name, orders, to confirm.'] });
    const promote = { kind: 'promote', candidate: 'pg3', confirm: 'orders', reason: 'lab: promote through the API' };
    expect((await post(tokens.viewer, promote)).status).toBe(403);
    expect((await post(tokens.revoked, promote)).status).toBe(401);
    expect(await labSql('pg2', 'SELECT pg_is_in_recovery()')).toBe('f');

    const response = await post(tokens.operator, promote);
    expect(response.status).toBe(202);
    const { operationId } = (await response.json()) as { operationId: number };
    const finished = await untilFinished(tokens.operator, operationId);
    expect(finished.status, JSON.stringify(finished.steps.filter((step) => step.status === 'failed'))).toBe('succeeded');
    expect(await labSql('pg3', 'SELECT pg_is_in_recovery()')).toBe('f');
    expect(await topology(tokens.operator)).toEqual([['pg1', 'replica', false], ['pg2', 'replica', true], ['pg3', 'primary', false]]);
    const refusal = await (await db()).auditEvent.findFirstOrThrow({ where: { action: 'cluster.promote', outcome: 'failed' }, select: { actorVia: true, summary: true } });
    expect(refusal).toMatchObject({ actorVia: 'token lab-ops', summary: expect.stringContaining('Refused to promote pg3 in orders') });
  }, 300_000);
});
