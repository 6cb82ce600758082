import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labClusterPaths, labExec, labSql } from '@/lab/client';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'f'.repeat(64);

const { db } = await import('@/lib/db/client');
const { getSshPool } = await import('@/lib/ssh/pool');
const { labSetupForm, registerLabHosts } = await import('@/lib/setup/testing/lab-fixture');
const { prepareSetup } = await import('@/lib/setup/prepare-setup');

/** What a refused setup must leave as it was on a replica: its data directory's listing and its state. */
async function replicaState(host: string): Promise<string> {
  const { dataDirectory } = labClusterPaths(host);
  const listing = await labExec(host, ['sh', '-c', `ls -a ${dataDirectory} ${dataDirectory}/.. && md5sum ${dataDirectory}/postgresql.auto.conf`]);
  return `${listing.stdout}${await labSql(host, 'SELECT pg_is_in_recovery()')}`;
}

describe('a cluster of two PostgreSQL majors is refused at preflight naming both, and nothing changes on any host (pg1, pg3: 15; pg2: 17)', () => {
  let hostIds: Record<string, number> = {};

  beforeAll(async () => {
    hostIds = await registerLabHosts(['pg1', 'pg2', 'pg3']);
  }, 60_000);

  afterAll(() => getSshPool().closeAll());

  it('mixed-major preflight', async () => {
    expect([labClusterPaths('pg1').major, labClusterPaths('pg2').major]).toEqual([15, 17]);
    const before = await Promise.all(['pg2', 'pg3'].map(replicaState));
    const prepared = await prepareSetup(labSetupForm(hostIds.pg1 ?? 0, [hostIds.pg2 ?? 0, hostIds.pg3 ?? 0]));
    if (!prepared.ok) throw new Error(prepared.message);
    expect(prepared.canRun).toBe(false);
    const failed = prepared.checks.filter((check) => check.status === 'fail');
    expect(failed).toEqual([expect.objectContaining({ id: 'version', message: expect.stringMatching(/primary 15, pg2 \(17\)/) })]);
    expect(failed[0]?.hint).toMatch(/Install PostgreSQL 15 on every replica/);
    expect(await Promise.all(['pg2', 'pg3'].map(replicaState))).toEqual(before);
    expect(await labSql('pg1', "SELECT count(*) FROM pg_roles WHERE rolname = 'replicator'")).toBe('0');
    expect(await (await db()).operation.count()).toBe(0);
  }, 120_000);
});
