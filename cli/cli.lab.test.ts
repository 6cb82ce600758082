import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labSql } from '@/lab/client';
import { TEST_USERS } from '@/lib/testing/action-fixtures';
import { startApiServer } from './testing/api-server';
import { runTandem } from './testing/run-cli';
import { storedApiToken } from './testing/stored-token';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = '8'.repeat(64);

const { db } = await import('@/lib/db/client');
const { getSshPool } = await import('@/lib/ssh/pool');
const { labCluster } = await import('@/lib/failover/testing/promote-fixture');

describe('the tandem binary against the lab, over HTTP to the real /api/v1 handlers', () => {
  let server: Awaited<ReturnType<typeof startApiServer>>;
  const tokens = { operator: '', viewer: '' };
  const as = (token: string) => ({ TANDEM_URL: server.url, TANDEM_TOKEN: token });

  beforeAll(async () => {
    await labCluster();
    const prisma = await db();
    for (const user of [TEST_USERS.operator, TEST_USERS.viewer]) await prisma.user.create({ data: { id: user.id, name: user.name, email: user.email, role: user.role } });
    tokens.operator = await storedApiToken(TEST_USERS.operator, 'lab-cli-ops');
    tokens.viewer = await storedApiToken(TEST_USERS.viewer, 'lab-cli-viewer');
    server = await startApiServer();
  }, 300_000);

  afterAll(async () => {
    await server?.close();
    getSshPool().closeAll();
  });

  it('`tandem status orders --json` shows pg1 primary and both replicas, as PostgreSQL reports them', async () => {
    const run = await runTandem(['status', 'orders', '--json'], as(tokens.viewer));
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const detail = JSON.parse(run.stdout) as { name: string; members: { role: string; host: { name: string }; state: { reachable: boolean; inRecovery?: boolean } }[] };
    expect(detail.name).toBe('orders');
    expect(detail.members.map((member) => [member.host.name, member.role, member.state]).sort()).toEqual([
      ['pg1', 'primary', expect.objectContaining({ reachable: true, inRecovery: false })],
      ['pg2', 'replica', expect.objectContaining({ reachable: true, inRecovery: true })],
      ['pg3', 'replica', expect.objectContaining({ reachable: true, inRecovery: true })],
    ]);
  }, 120_000);

  it('refuses a viewer\'s switchover with exit 3 and a promote with a wrong typed name with exit 1, naming the field; nothing changes', async () => {
    const viewer = await runTandem(['switchover', 'orders', '--to', 'pg2', '--reason', 'lab: cli refusal', '--confirm', 'orders'], as(tokens.viewer));
    expect(viewer).toMatchObject({ code: 3, stdout: '', stderr: 'tandem: Forbidden: This token acts with the viewer role, which cannot do this.\n' });
    const wrongName = await runTandem(['promote', 'orders', '--to', 'pg3', '--reason', 'lab: cli refusal', '--confirm', 'ordres'], as(tokens.operator));
    expect(wrongName.code).toBe(1);
    expect(wrongName.stderr).toMatch(/^tandem: Unprocessable content: /);
    expect(wrongName.stderr).toContain('\n  confirm: Type the cluster name, orders, to confirm.\n');
    expect(await labSql('pg1', 'SELECT pg_is_in_recovery()')).toBe('f');
  }, 120_000);

  it('`tandem switchover orders --to pg2 --wait` follows the switchover to success (exit 0): pg2 is the primary, pg1 streams from it', async () => {
    const run = await runTandem(['switchover', 'orders', '--to', 'pg2', '--reason', 'lab: switchover through the CLI', '--confirm', 'orders', '--wait'], as(tokens.operator), 300_000);
    expect(run.stderr).toBe('');
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/^Started operation (\d+) on orders\.\n/);
    expect(run.stdout).toMatch(/\nOperation \d+ \(switchover on orders\) succeeded/);
    expect(await labSql('pg2', 'SELECT pg_is_in_recovery()')).toBe('f');
    expect(await labSql('pg1', 'SELECT sender_host || status FROM pg_stat_wal_receiver')).toBe('10.88.0.12streaming');
    const status = await runTandem(['status', 'orders'], as(tokens.viewer));
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/\npg2 +\S+ +primary +read-write +/);
    expect(status.stdout).toMatch(/\npg1 +\S+ +replica +in recovery, receiver streaming +/);
  }, 300_000);
});
