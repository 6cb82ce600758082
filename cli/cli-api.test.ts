import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_USERS } from '@/lib/testing/action-fixtures';
import { callApi } from '@/lib/api/testing/api-call';
import { closedPort } from '@/lib/testing/closed-port';
import { startApiServer } from './testing/api-server';
import { runTandem } from './testing/run-cli';
import { storedApiToken } from './testing/stored-token';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'c'.repeat(64);

const { db } = await import('@/lib/db/client');
const runner = await import('@/lib/operations/runner');
const { seedApiCluster } = await import('@/lib/api/testing/seed-cluster');
const hostsRoute = await import('@/app/api/v1/hosts/route');
const startRoute = await import('@/app/api/v1/clusters/[id]/operations/route');

/** What the fake hosts answer each command with, and how slowly: a check's steps are seen running. */
const hosts = { code: 0, delayMs: 0 };

let server: Awaited<ReturnType<typeof startApiServer>>;
let clusterId = 0;
const tokens = { viewer: '', operator: '' };
const as = (token: string) => ({ TANDEM_URL: server.url, TANDEM_TOKEN: token });

beforeAll(async () => {
  const prisma = await db();
  for (const user of [TEST_USERS.viewer, TEST_USERS.operator]) await prisma.user.create({ data: { id: user.id, name: user.name, email: user.email, role: user.role } });
  ({ clusterId } = await seedApiCluster());
  runner.setRunnerPorts(() => ({
    shell: { exec: async () => { await new Promise((resolve) => setTimeout(resolve, hosts.delayMs)); return { code: hosts.code, stdout: '', stderr: hosts.code ? 'ssh: connect to host refused' : '', durationMs: 1 }; } },
    pg: { query: async () => ({ columns: ['ok', 'in_recovery'], rows: [{ ok: '1', in_recovery: 'f' }], durationMs: 1 }) },
  }));
  tokens.viewer = await storedApiToken(TEST_USERS.viewer, 'cli-viewer');
  tokens.operator = await storedApiToken(TEST_USERS.operator, 'cli-ops');
  server = await startApiServer();
});

afterAll(() => server?.close());

/** Starts a check through the API itself (the CLI has no command for it) and gives its id. */
async function startCheck(): Promise<number> {
  const response = await callApi(startRoute, 'POST', `/clusters/${clusterId}/operations`, { token: tokens.operator, params: { id: String(clusterId) }, body: { kind: 'check', reason: 'cli test' } });
  expect(response.status).toBe(202);
  return ((await response.json()) as { operationId: number }).operationId;
}

describe('the tandem binary against the real /api/v1 route handlers', () => {
  it('`tandem hosts --json` prints the API\'s JSON as it is sent', async () => {
    const run = await runTandem(['hosts', '--json'], as(tokens.viewer));
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const direct = await (await callApi(hostsRoute, 'GET', '/hosts', { token: tokens.viewer })).text();
    expect(run.stdout).toBe(`${direct}\n`);
    expect(JSON.parse(run.stdout)).toMatchObject({ hosts: [{ name: 'pg1', clusters: [{ name: 'main', role: 'primary' }] }, { name: 'pg2' }] });
  });

  it('`tandem status` lists the clusters, and `tandem status main` its members as PostgreSQL reports them (here: not answering)', async () => {
    const list = await runTandem(['status'], as(tokens.viewer));
    expect(list).toMatchObject({ code: 0, stderr: '' });
    expect(list.stdout.split('\n')).toEqual([
      'NAME  ID  STATUS  POSTGRESQL  PRIMARY  REPLICAS',
      `main  ${clusterId}   active  17          pg1      pg2`,
      '',
    ]);
    const one = await runTandem(['status', 'main'], as(tokens.viewer));
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/^Cluster main \(id \d+\): active, PostgreSQL 17, not monitored; states from each member read just now\n\nMEMBER +ADDRESS +ROLE +STATE +STATUS +REPLAY LAG +TIME LAG\n/);
    expect(one.stdout).toMatch(/\npg1 +127\.0\.0\.1:5432 +primary +unreachable +— +— +—\n/);
    expect(one.stdout).toMatch(/\npg2 +127\.0\.0\.1:5432 +replica +unreachable +monitoring not enabled +— +—\n/);
    expect(one.stdout).toMatch(/\npg1: .+\npg2: .+\n$/);
  });

  it('lists open alerts and operations of a cluster named by its name', async () => {
    const alerts = await runTandem(['alerts', '--cluster', 'main'], as(tokens.viewer));
    expect(alerts).toMatchObject({ code: 0, stderr: '' });
    expect(alerts.stdout).toMatch(/^ID +SEVERITY +CLUSTER +SUBJECT +OPEN FOR +ACKNOWLEDGED +SUMMARY\n\d+ +critical +main +pg2 +\S.* +no +pg2 is down\n$/);
    expect(await runTandem(['operations', '--cluster', 'nosuch'], as(tokens.viewer))).toMatchObject({ code: 4, stderr: 'tandem: There is no cluster named "nosuch"; `tandem status` lists them.\n' });
  });

  it('refuses a viewer token\'s switchover with exit 3 and the server\'s reason', async () => {
    const run = await runTandem(['switchover', 'main', '--to', 'pg2', '--reason', 'kernel update', '--confirm', 'main'], as(tokens.viewer));
    expect(run).toEqual({ code: 3, stdout: '', stderr: 'tandem: Forbidden: This token acts with the viewer role, which cannot do this.\n' });
    const audit = await (await db()).auditEvent.findFirstOrThrow({ orderBy: { id: 'desc' }, select: { outcome: true, actorVia: true } });
    expect(audit).toEqual({ outcome: 'denied', actorVia: 'token cli-viewer' });
  });

  it('exits 1 with the guard rails\' refusal, fields named, when the server refuses an operator\'s promote', async () => {
    const run = await runTandem(['promote', 'main', '--to', 'pg2', '--reason', 'pg1 is gone', '--confirm', 'mian'], as(tokens.operator));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^tandem: Unprocessable content: .+\n/);
    expect(run.stderr).toContain('\n  confirm: Type the cluster name, main, to confirm.\n');
  });

  it('refuses a bad token with exit 3, and exits 5 when nothing answers at the URL', async () => {
    expect(await runTandem(['status'], as(`tdm_${'0'.repeat(12)}_${'A'.repeat(43)}`))).toEqual({ code: 3, stdout: '', stderr: 'tandem: Unauthorized: This API token is not known to Tandem.\n' });
    const port = await closedPort();
    const run = await runTandem(['hosts'], { TANDEM_URL: `http://127.0.0.1:${port}`, TANDEM_TOKEN: tokens.viewer });
    expect(run).toEqual({ code: 5, stdout: '', stderr: `tandem: Could not reach Tandem at http://127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}.\n` });
  });

  it('follows an operation to its end with a line per step: exit 0 when it succeeded, 1 when it failed', async () => {
    hosts.delayMs = 1500;
    try {
      const succeeded = await startCheck();
      const run = await runTandem(['operations', '--follow', String(succeeded)], as(tokens.viewer));
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const lines = run.stdout.trimEnd().split('\n');
      expect(lines.at(-1)).toMatch(new RegExp(`^Operation ${succeeded} \\(check-cluster on main\\) succeeded: `));
      expect(lines.some((line) => /^step \d\/4 \[pg\d\] .+: running$/.test(line))).toBe(true);
      expect(lines.filter((line) => /^step \d\/4 \[pg\d\] .+: succeeded — /.test(line))).toHaveLength(4);

      hosts.code = 255;
      const failed = await startCheck();
      const failure = await runTandem(['operations', '--follow', String(failed), '--json'], as(tokens.viewer));
      expect(failure.code).toBe(1);
      expect(JSON.parse(failure.stdout)).toMatchObject({ id: failed, status: 'failed', steps: expect.arrayContaining([expect.objectContaining({ status: 'failed' })]) });
    } finally {
      Object.assign(hosts, { code: 0, delayMs: 0 });
    }
    const list = await runTandem(['operations', '--limit', '2'], as(tokens.viewer));
    expect(list.stdout).toMatch(/^ID +KIND +STATUS +CLUSTER +REQUESTED BY +AGE +OUTCOME\n\d+ +check-cluster +failed +main +operator@example\.com .+\n\d+ +check-cluster +succeeded +main +operator@example\.com .+\n$/);
  });
});
