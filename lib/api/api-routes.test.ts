import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CurrentUser } from '@/lib/auth/current-user';
import { formData, TEST_USERS } from '@/lib/testing/action-fixtures';
import { callApi, type RouteModule } from './testing/api-call';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'e'.repeat(64);

const session: { user: CurrentUser | null } = { user: null };
vi.mock('@/lib/auth/current-user', () => ({ getCurrentUser: async () => session.user, requireUser: async () => session.user, sessionUser: async () => session.user }));
vi.mock('next/headers', () => import('@/lib/testing/next-request-mock'));
vi.mock('next/cache', () => import('@/lib/testing/next-request-mock'));

const { db } = await import('@/lib/db/client');
const { createOperation } = await import('@/lib/db/operations');
const runner = await import('@/lib/operations/runner');
const { seedApiCluster } = await import('./testing/seed-cluster');
const { createApiToken } = await import('@/lib/actions/create-api-token');
const { revokeApiToken } = await import('@/lib/actions/revoke-api-token');
const { hashApiToken } = await import('@/lib/auth/api-token');
const routes = {
  clusters: await import('@/app/api/v1/clusters/route'),
  cluster: await import('@/app/api/v1/clusters/[id]/route'),
  lag: await import('@/app/api/v1/clusters/[id]/lag/route'),
  slots: await import('@/app/api/v1/clusters/[id]/slots/route'),
  start: await import('@/app/api/v1/clusters/[id]/operations/route'),
  alerts: await import('@/app/api/v1/alerts/route'),
  acknowledge: await import('@/app/api/v1/alerts/[id]/acknowledge/route'),
  operations: await import('@/app/api/v1/operations/route'),
  operation: await import('@/app/api/v1/operations/[id]/route'),
  events: await import('@/app/api/v1/events/route'),
  hosts: await import('@/app/api/v1/hosts/route'),
} satisfies Record<string, RouteModule>;

const DISABLED: CurrentUser = { id: 'u-disabled', email: 'gone@example.com', name: 'G', role: 'operator' };

/** Creates a token through the settings action as `user`; its value as shown once. */
async function token(user: CurrentUser, name: string, role: string, days = '30'): Promise<string> {
  session.user = user;
  const created = await createApiToken(null, formData({ name, role, days }));
  session.user = null;
  if (!created.ok) throw new Error(created.message);
  return created.data.token;
}

const problemOf = async (response: Response) => ({ status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as Record<string, unknown> });
const lastAudit = async () => (await db()).auditEvent.findFirstOrThrow({ orderBy: { id: 'desc' }, select: { action: true, outcome: true, actorEmail: true, actorVia: true, summary: true, clientAddress: true } });

let clusterId = 0;
let busyId = 0;
let busyOperation = 0;
let alertId = 0;
const tokens: Record<'viewer' | 'operator' | 'admin' | 'revoked' | 'expired' | 'disabled', string> = { viewer: '', operator: '', admin: '', revoked: '', expired: '', disabled: '' };

beforeAll(async () => {
  const prisma = await db();
  for (const user of [...Object.values(TEST_USERS), DISABLED]) await prisma.user.create({ data: { id: user.id, name: user.name, email: user.email, role: user.role } });
  ({ clusterId, alertId } = await seedApiCluster());
  busyId = (await prisma.cluster.create({ data: { name: 'busy', status: 'active' }, select: { id: true } })).id;
  const claim = await createOperation({ kind: 'check-cluster', clusterId: busyId, reason: 'held', actor: { id: null, email: 'seed@example.com' }, steps: [], runner: { id: 'tandem-b:1#beef', leaseMs: 600_000 } });
  if (!claim.ok) throw new Error(claim.message);
  busyOperation = claim.operationId;
  runner.setRunnerPorts(() => ({
    shell: { exec: async () => ({ code: 0, stdout: '', stderr: '', durationMs: 1 }) },
    pg: { query: async () => ({ columns: ['ok', 'in_recovery'], rows: [{ ok: '1', in_recovery: 'f' }], durationMs: 1 }) },
  }));
  tokens.viewer = await token(TEST_USERS.viewer, 'viewer-ci', 'viewer');
  tokens.operator = await token(TEST_USERS.operator, 'ops-ci', 'operator');
  tokens.admin = await token(TEST_USERS.admin, 'admin-ci', 'admin');
  tokens.revoked = await token(TEST_USERS.operator, 'old-ci', 'operator');
  tokens.expired = await token(TEST_USERS.operator, 'expired-ci', 'viewer', '1');
  tokens.disabled = await token(DISABLED, 'gone-ci', 'operator');
  const old = await prisma.apiToken.findFirstOrThrow({ where: { name: 'old-ci' }, select: { id: true } });
  session.user = TEST_USERS.operator;
  expect(await revokeApiToken(null, formData({ tokenId: String(old.id) }))).toEqual({ ok: true, data: null });
  await prisma.apiToken.updateMany({ where: { name: 'expired-ci' }, data: { expiresAt: new Date(Date.now() - 1000) } });
  await prisma.user.update({ where: { id: DISABLED.id }, data: { disabledAt: new Date() } });
});

beforeEach(() => {
  session.user = null;
});

const id = (value: number) => ({ id: String(value) });

/** Every route with a call it would answer for a token allowed to. */
const CALLS = [
  { name: 'GET /clusters', route: routes.clusters, method: 'GET', path: '/clusters', writes: false },
  { name: 'GET /clusters/{id}', route: routes.cluster, method: 'GET', path: '/clusters/1', params: () => id(clusterId), writes: false },
  { name: 'GET /clusters/{id}/lag', route: routes.lag, method: 'GET', path: '/clusters/1/lag?range=5m', params: () => id(clusterId), writes: false },
  { name: 'GET /clusters/{id}/slots', route: routes.slots, method: 'GET', path: '/clusters/1/slots', params: () => id(clusterId), writes: false },
  { name: 'POST /clusters/{id}/operations', route: routes.start, method: 'POST', path: '/clusters/1/operations', params: () => id(busyId), body: { kind: 'check' }, writes: true },
  { name: 'GET /alerts', route: routes.alerts, method: 'GET', path: '/alerts', writes: false },
  { name: 'POST /alerts/{id}/acknowledge', route: routes.acknowledge, method: 'POST', path: '/alerts/1/acknowledge', params: () => id(alertId), body: { comment: 'on it' }, writes: true },
  { name: 'GET /operations', route: routes.operations, method: 'GET', path: '/operations', writes: false },
  { name: 'GET /operations/{id}', route: routes.operation, method: 'GET', path: '/operations/1', params: () => id(busyOperation), writes: false },
  { name: 'GET /events', route: routes.events, method: 'GET', path: '/events', writes: false },
  { name: 'GET /hosts', route: routes.hosts, method: 'GET', path: '/hosts', writes: false },
] as const;

describe('API tokens', () => {
  it('are stored as their hash only, with a role no higher than their user\'s and a unique name', async () => {
    const row = await (await db()).apiToken.findFirstOrThrow({ where: { name: 'ops-ci' } });
    expect(row).toMatchObject({ userId: TEST_USERS.operator.id, role: 'operator', secretHash: hashApiToken(tokens.operator), revokedAt: null });
    expect(JSON.stringify(row)).not.toContain(tokens.operator.slice(17));
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThan(29.9 * 86_400_000);
    session.user = TEST_USERS.operator;
    expect(await createApiToken(null, formData({ name: 'too-much', role: 'admin', days: '30' }))).toEqual({ ok: false, message: 'Some fields need attention.', fieldErrors: { role: ['Your role is operator: a token of yours cannot have more.'] } });
    expect(await createApiToken(null, formData({ name: 'ops-ci', role: 'viewer', days: '30' }))).toMatchObject({ ok: false, fieldErrors: { name: [expect.stringContaining('already have a token')] } });
    expect(await createApiToken(null, formData({ name: 'forever', role: 'viewer', days: '400' }))).toMatchObject({ ok: false, fieldErrors: { days: [expect.any(String)] } });
    const created = await (await db()).auditEvent.findFirstOrThrow({ where: { action: 'api_token.create', targetName: 'ops-ci' }, select: { summary: true, actorEmail: true } });
    expect(created).toEqual({ actorEmail: 'operator@example.com', summary: expect.stringMatching(/^Created API token "ops-ci" \(operator, expires \d{4}-\d\d-\d\d\)$/) });
  });

  it('cannot be revoked by another user, only by their own or an admin', async () => {
    const mine = await (await db()).apiToken.findFirstOrThrow({ where: { name: 'viewer-ci' }, select: { id: true } });
    session.user = TEST_USERS.operator;
    expect(await revokeApiToken(null, formData({ tokenId: String(mine.id) }))).toEqual({ ok: false, message: 'There is no such token of yours that is still live.' });
    expect((await callApi(routes.hosts, 'GET', '/hosts', { token: tokens.viewer })).status).toBe(200);
  });
});

describe.each(CALLS)('$name', (call) => {
  const send = (token?: string) => callApi(call.route, call.method, call.path, { token, params: 'params' in call ? call.params() : {}, body: 'body' in call ? call.body : undefined });

  it('refuses a call without a token, with a bad, revoked or expired token, or one whose user is disabled, as a 401 problem', async () => {
    for (const [bad, detail] of [
      [undefined, /Authorization: Bearer/],
      ['not-a-token', /Authorization: Bearer/],
      [`tdm_${'0'.repeat(12)}_${'A'.repeat(43)}`, /not known/],
      [tokens.operator.replace(/.$/, (last) => (last === 'A' ? 'B' : 'A')), /not known/],
      [tokens.revoked, /\(old-ci\) was revoked/],
      [tokens.expired, /\(expired-ci\) expired at/],
      [tokens.disabled, /\(gone-ci\) is disabled/],
    ] as const) {
      const response = await send(bad);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="tandem-api", error="invalid_token"');
      expect(await problemOf(response)).toEqual({ status: 401, type: 'application/problem+json', body: { type: 'urn:tandem:problem:unauthorized', title: 'Unauthorized', status: 401, detail: expect.stringMatching(detail) } });
    }
  });

  if (call.writes) {
    it('refuses a viewer token with a 403 problem, audited with the token\'s name', async () => {
      expect(await problemOf(await send(tokens.viewer))).toMatchObject({ status: 403, type: 'application/problem+json', body: { title: 'Forbidden', detail: 'This token acts with the viewer role, which cannot do this.' } });
      expect(await lastAudit()).toMatchObject({ outcome: 'denied', actorEmail: 'viewer@example.com', actorVia: 'token viewer-ci', clientAddress: '203.0.113.9' });
    });
  }
});

describe('reading through /api/v1', () => {
  it('lists clusters, hosts (no secret), alerts and operations for a viewer', async () => {
    const clusters = await (await callApi(routes.clusters, 'GET', '/clusters', { token: tokens.viewer })).json();
    expect(clusters).toMatchObject({ clusters: [{ name: 'busy', members: [] }, { name: 'main', status: 'active', pgMajor: 17, members: [{ role: 'primary', host: { name: 'pg1' } }, { role: 'replica', host: { name: 'pg2' } }] }] });
    const hosts = await callApi(routes.hosts, 'GET', '/hosts', { token: tokens.viewer });
    const text = await hosts.text();
    expect(JSON.parse(text)).toMatchObject({ hosts: [{ name: 'pg1', clusters: [{ name: 'main', role: 'primary' }] }, { name: 'pg2' }] });
    expect(text).not.toMatch(/sshSecret|sshPassphrase|host-secret-never-sent/);
    expect(await (await callApi(routes.alerts, 'GET', `/alerts?cluster=${clusterId}`, { token: tokens.viewer })).json()).toMatchObject({ alerts: [{ id: alertId, clusterName: 'main', severity: 'critical', summary: 'pg2 is down' }] });
    expect(await (await callApi(routes.alerts, 'GET', `/alerts?cluster=${busyId}`, { token: tokens.viewer })).json()).toEqual({ alerts: [] });
    expect(await problemOf(await callApi(routes.alerts, 'GET', '/alerts?cluster=0x1', { token: tokens.viewer }))).toMatchObject({ status: 422, body: { errors: { cluster: [expect.any(String)] } } });
    expect(await (await callApi(routes.operations, 'GET', '/operations?limit=1', { token: tokens.viewer })).json()).toMatchObject({ operations: [{ id: busyOperation, kind: 'check-cluster', status: 'pending', cluster: { name: 'busy' } }] });
    expect(await problemOf(await callApi(routes.operations, 'GET', '/operations?limit=1000', { token: tokens.viewer }))).toMatchObject({ status: 422, body: { errors: { limit: [expect.any(String)] } } });
    expect(await (await callApi(routes.operation, 'GET', '/operations/x', { token: tokens.viewer, params: id(busyOperation) })).json()).toMatchObject({ id: busyOperation, steps: [] });
  });

  it('answers one cluster with its members\' state and replica statuses, its lag and its slots; 404 and 422 as problems', async () => {
    const detail = await callApi(routes.cluster, 'GET', '/clusters/x', { token: tokens.viewer, params: id(clusterId) });
    expect(detail.status).toBe(200);
    expect(await detail.json()).toMatchObject({
      name: 'main', monitored: false, statesFrom: { kind: 'direct' },
      members: [{ host: { name: 'pg1' }, state: { reachable: false, error: expect.any(String) } }, { host: { name: 'pg2' }, state: { reachable: false } }],
      replicas: [{ name: 'pg2', status: 'monitoring not enabled', sample: null }],
    });
    expect(await (await callApi(routes.lag, 'GET', '/clusters/x/lag?range=24h', { token: tokens.viewer, params: id(clusterId) })).json()).toMatchObject({ clusterId, range: '24h', points: [], hosts: [{ name: 'pg2' }] });
    expect(await problemOf(await callApi(routes.lag, 'GET', '/clusters/x/lag?range=2y', { token: tokens.viewer, params: id(clusterId) }))).toMatchObject({ status: 422, body: { errors: { range: [expect.stringContaining('5m, 1h, 24h, 7d')] } } });
    expect(await (await callApi(routes.slots, 'GET', '/clusters/x/slots', { token: tokens.viewer, params: id(clusterId) })).json()).toEqual({ slots: [], diskFreeBytes: null, forecast: null });
    for (const [route, path] of [[routes.cluster, ''], [routes.lag, '/lag'], [routes.slots, '/slots']] as const) {
      expect(await problemOf(await callApi(route, 'GET', `/clusters/424242${path}`, { token: tokens.viewer, params: id(424242) }))).toMatchObject({ status: 404, type: 'application/problem+json', body: { title: 'Not found' } });
      expect((await callApi(route, 'GET', `/clusters/abc${path}`, { token: tokens.viewer, params: { id: 'abc' } })).status).toBe(404);
    }
  });
});

describe('starting operations through /api/v1', () => {
  const start = (body: unknown, cluster = clusterId, token = tokens.operator) => callApi(routes.start, 'POST', `/clusters/${cluster}/operations`, { token, params: id(cluster), body });

  it('refuses a promote without the typed cluster name and a reason with 422 and the field errors, audited as the UI\'s refusal with the token\'s name', async () => {
    const refused = await problemOf(await start({ kind: 'promote', candidate: 'pg2' }));
    expect(refused).toMatchObject({ status: 422, type: 'application/problem+json', body: { title: 'Unprocessable content', errors: { confirm: ['Type the cluster name, main, to confirm.'], reason: [expect.stringContaining('Say why you promote')] } } });
    expect(await lastAudit()).toMatchObject({ action: 'cluster.promote', outcome: 'failed', actorEmail: 'operator@example.com', actorVia: 'token ops-ci', summary: expect.stringContaining('Refused to promote pg2 in main') });
  });

  it('refuses a body that is not JSON (400), not a known kind or badly typed (422), and a busy cluster (409)', async () => {
    expect(await problemOf(await callApi(routes.start, 'POST', '/x', { token: tokens.operator, params: id(clusterId), text: '{"kind": "check",' }))).toMatchObject({ status: 400, body: { detail: 'The body is not JSON.' } });
    expect(await problemOf(await callApi(routes.start, 'POST', '/x', { token: tokens.operator, params: id(clusterId) }))).toMatchObject({ status: 422, body: { errors: { kind: [expect.any(String)] } } });
    expect(await problemOf(await start({ kind: 'nope' }))).toMatchObject({ status: 422, body: { errors: { kind: [expect.any(String)] } } });
    expect(await problemOf(await start({ kind: 'promote', candidate: 'pg2', overrideBytes: 'lots' }))).toMatchObject({ status: 422, body: { errors: { overrideBytes: [expect.any(String)] } } });
    const busy = { kind: 'promote', candidate: 'pg2', confirm: 'busy', reason: 'incident' };
    expect(await problemOf(await start(busy, busyId))).toMatchObject({ status: 409, body: { title: 'Conflict', detail: `Operation ${busyOperation} is already running on this cluster; wait for it to end before promoting.` } });
    expect(await problemOf(await start({ kind: 'check' }, 424242))).toMatchObject({ status: 404 });
  });

  it('refuses backups, restores and a cluster replacement through the same requests as the Backups tab: bad targets by field, a cluster without backups by its reason, audited', async () => {
    expect(await problemOf(await start({ kind: 'restore', hostId: 1, target: { kind: 'time', time: 'yesterday' }, action: 'pause', reason: 'api' }))).toMatchObject({ status: 422, body: { errors: { 'target.time': [expect.any(String)] } } });
    expect(await problemOf(await start({ kind: 'backup', type: 'weekly', repository: 1 }))).toMatchObject({ status: 422, body: { errors: { type: [expect.any(String)] } } });
    const replace = await problemOf(await start({ kind: 'replace-cluster', target: { kind: 'latest' }, confirmHost: 'pg1', confirmCluster: 'main', reason: 'api' }));
    expect(replace).toMatchObject({ status: 422, body: { detail: 'Backups are not enabled on this cluster yet: run Enable backups first.' } });
    expect(await lastAudit()).toMatchObject({ action: 'backups.replace-cluster', outcome: 'failed', actorVia: 'token ops-ci', summary: expect.stringContaining('Refused replacing the cluster from a backup') });
    expect(await problemOf(await start({ kind: 'restore-drill', reason: 'api' }))).toMatchObject({ status: 422, body: { detail: 'Choose a drill host in the backup settings first.' } });
  });

  it('starts a check with 202 and a Location, audited with the token\'s name, and the operation runs', async () => {
    const response = await start({ kind: 'check', reason: 'from the API' });
    expect(response.status).toBe(202);
    const { operationId, location } = (await response.json()) as { operationId: number; location: string };
    expect(response.headers.get('location')).toBe(`/api/v1/operations/${operationId}`);
    expect(location).toBe(`/api/v1/operations/${operationId}`);
    expect(await runner.waitForOperation(operationId)).toEqual({ status: 'succeeded', outcome: expect.stringMatching(/steps succeeded/) });
    const started = await (await db()).auditEvent.findFirstOrThrow({ where: { action: 'operation.start', targetId: String(operationId) }, select: { actorEmail: true, actorVia: true, clientAddress: true } });
    expect(started).toEqual({ actorEmail: 'operator@example.com', actorVia: 'token ops-ci', clientAddress: '203.0.113.9' });
  });

  it('gives a token no more than its user\'s current role: an operator token of a demoted user is refused', async () => {
    await (await db()).user.update({ where: { id: TEST_USERS.operator.id }, data: { role: 'viewer' } });
    try {
      expect(await problemOf(await start({ kind: 'check' }))).toMatchObject({ status: 403, body: { detail: 'This token acts with the viewer role, which cannot do this.' } });
    } finally {
      await (await db()).user.update({ where: { id: TEST_USERS.operator.id }, data: { role: 'operator' } });
    }
  });

  it('acknowledges an alert once, audited with the token\'s name; again is a conflict, an unknown alert 404', async () => {
    const acked = await callApi(routes.acknowledge, 'POST', '/x', { token: tokens.operator, params: id(alertId), body: { comment: 'looking at pg2' } });
    expect(await acked.json()).toMatchObject({ id: alertId, acknowledgedBy: 'operator@example.com', ackComment: 'looking at pg2' });
    expect(await lastAudit()).toMatchObject({ action: 'alert.acknowledge', outcome: 'ok', actorVia: 'token ops-ci' });
    expect((await callApi(routes.acknowledge, 'POST', '/x', { token: tokens.operator, params: id(alertId), body: { comment: 'again' } })).status).toBe(409);
    expect((await callApi(routes.acknowledge, 'POST', '/x', { token: tokens.operator, params: id(424242), body: { comment: 'x' } })).status).toBe(404);
    expect(await problemOf(await callApi(routes.acknowledge, 'POST', '/x', { token: tokens.operator, params: id(alertId), body: {} }))).toMatchObject({ status: 422, body: { errors: { comment: [expect.any(String)] } } });
  });
});

describe('limits', () => {
  it('allows a burst of 30 calls per token, then answers 429 with Retry-After; another token is not affected', async () => {
    const burst = await token(TEST_USERS.viewer, 'burst-ci', 'viewer');
    const startedAt = Date.now();
    let passed = 0;
    let limited: Response | null = null;
    while (!limited && passed < 100) {
      const response = await callApi(routes.alerts, 'GET', '/alerts', { token: burst });
      if (response.status === 200) passed += 1;
      else limited = response;
    }
    // Ten calls a second come back while the burst is spent.
    expect(passed).toBeGreaterThanOrEqual(30);
    expect(passed).toBeLessThanOrEqual(31 + Math.ceil((Date.now() - startedAt) / 100));
    if (!limited) throw new Error('never limited');
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await problemOf(limited)).toMatchObject({ status: 429, type: 'application/problem+json', body: { title: 'Too many requests' } });
    expect((await callApi(routes.alerts, 'GET', '/alerts', { token: tokens.viewer })).status).toBe(200);
  });

  it('records a token\'s last use at most once a minute', async () => {
    const fresh = await token(TEST_USERS.viewer, 'used-ci', 'viewer');
    const lastUsed = async () => (await (await db()).apiToken.findFirstOrThrow({ where: { name: 'used-ci' }, select: { lastUsedAt: true } })).lastUsedAt;
    expect(await lastUsed()).toBeNull();
    await callApi(routes.hosts, 'GET', '/hosts', { token: fresh });
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    await callApi(routes.hosts, 'GET', '/hosts', { token: fresh });
    expect(await lastUsed()).toEqual(first);
  });
});

describe('GET /events', () => {
  it('streams the active operations as server-sent events', async () => {
    const abort = new AbortController();
    const response = await callApi(routes.events, 'GET', '/events', { token: tokens.viewer, signal: abort.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes('event: operation')) text += decoder.decode((await reader.read()).value);
    const data = JSON.parse(text.split('event: operation\ndata: ')[1]!.split('\n')[0]!) as { id: number; status: string; cluster: { name: string } };
    expect(data).toMatchObject({ id: busyOperation, status: 'pending', cluster: { name: 'busy' }, steps: [] });
    expect(text).not.toMatch(/commands|outputTail/);
    abort.abort();
    for (;;) if ((await reader.read()).done) break;
  });
});
