import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { assertLabAddress, labClusterPaths, labHost, labSql, labSsh } from '@/lab/client';
import type { CurrentUser } from '@/lib/auth/current-user';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'f'.repeat(64);

const operator: CurrentUser = { id: 'u-operator', email: 'operator@example.com', name: 'O', role: 'operator' };
vi.mock('@/lib/auth/current-user', () => ({ getCurrentUser: async () => operator, requireUser: async () => operator }));
vi.mock('next/headers', async () => {
  const { stampedHeaders } = await import('@/lib/testing/stamped-request');
  return { headers: async () => stampedHeaders('203.0.113.11') };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', () => ({
  notFound: () => { throw new Error('NEXT_NOT_FOUND'); },
  redirect: (to: string) => { throw Object.assign(new Error('NEXT_REDIRECT'), { to }); },
}));

const { db } = await import('@/lib/db/client');
const { importCluster } = await import('@/lib/actions/import-cluster');
const { previewImport } = await import('@/lib/actions/preview-import');
const { startAddReplica } = await import('@/lib/actions/start-add-replica');
const { getSshPool } = await import('@/lib/ssh/pool');
const { registerLabHosts } = await import('./testing/lab-fixture');

const hostIds: Record<string, number> = {};
const HAND_PASSWORD = 'hand-built-only-for-the-lab';

/** Runs a command line as root on a lab host, after checking the host is the lab's own. */
async function onHost(host: string, command: string): Promise<string> {
  assertLabAddress(labHost(host).address);
  const result = await labSsh(host, command, { timeoutMs: 120_000 });
  if (result.code !== 0) throw new Error(`${host}: ${command}\n${result.stderr}`);
  return result.stdout.trim();
}

const psql = (host: string, query: string) => onHost(host, `cd / && runuser -u postgres -- psql -XAtc "${query}"`);

/** pg1 → pg2 the way a DBA does it by hand: a role, one pg_hba line, pg_basebackup -R with a slot, start. */
async function buildByHand(): Promise<void> {
  const primary = labHost('pg1').address;
  const replica = labHost('pg2').address;
  assertLabAddress(primary);
  assertLabAddress(replica);
  await psql('pg1', `CREATE ROLE handrep WITH REPLICATION LOGIN PASSWORD '${HAND_PASSWORD}'`);
  const { major, dataDirectory, configDirectory } = labClusterPaths('pg1');
  await onHost('pg1', `echo 'host replication handrep ${replica}/32 scram-sha-256' >> ${configDirectory}/pg_hba.conf`);
  await psql('pg1', 'SELECT pg_reload_conf()');
  await onHost('pg2', `pg_ctlcluster ${major} main stop -m fast && rm -rf ${dataDirectory}`);
  await onHost('pg2', `cd / && runuser -u postgres -- env PGPASSWORD='${HAND_PASSWORD}' pg_basebackup -h ${primary} -U handrep -D ${dataDirectory} -R -X stream -C -S handslot --checkpoint=fast`);
  await onHost('pg2', `pg_ctlcluster ${major} main start`);
  for (let attempt = 0; attempt < 60; attempt += 1) {
    if ((await psql('pg1', "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")) === '1') return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('pg2 never streamed from pg1');
}

/** What import must not change: config files' checksums, when each server started, roles and slots. */
async function hostState(): Promise<Record<string, string>> {
  const { dataDirectory, configDirectory } = labClusterPaths('pg1');
  const files = `${configDirectory}/pg_hba.conf ${configDirectory}/postgresql.conf ${dataDirectory}/postgresql.auto.conf`;
  const state: Record<string, string> = {};
  for (const host of ['pg1', 'pg2', 'pg3']) {
    state[`${host} files`] = await onHost(host, `sha256sum ${files}`);
    state[`${host} started`] = await psql(host, 'SELECT pg_postmaster_start_time()');
    state[`${host} roles`] = await psql(host, 'SELECT string_agg(rolname, \',\' ORDER BY rolname) FROM pg_roles');
    state[`${host} slots`] = await psql(host, 'SELECT coalesce(string_agg(slot_name, \',\'), \'\') FROM pg_replication_slots');
  }
  return state;
}

const form = (clusterName: string, hosts: string[]) => {
  const data = new FormData();
  data.set('clusterName', clusterName);
  for (const host of hosts) data.append('hostIds', String(hostIds[host]));
  return data;
};

describe('import a hand-built primary and replica, against the lab', () => {
  let before: Record<string, string> = {};

  beforeAll(async () => {
    await buildByHand();
    Object.assign(hostIds, await registerLabHosts(['pg1', 'pg2', 'pg3']));
    before = await hostState();
  }, 300_000);

  afterAll(() => getSshPool().closeAll());

  it('refuses sets that are not one primary with its streaming replicas, saying why', async () => {
    const twoPrimaries = await previewImport(null, form('hand', ['pg1', 'pg3']));
    expect(twoPrimaries).toMatchObject({ ok: true, data: { canImport: false, reasons: [expect.stringMatching(/^pg1 and pg3 are all out of recovery/)] } });
    const wrongPrimary = await importCluster(null, form('hand', ['pg3', 'pg2']));
    expect(wrongPrimary).toMatchObject({ ok: false, message: expect.stringContaining(`pg2 streams from ${labHost('pg1').address}, not from pg3 (${labHost('pg3').address}).`) });
    expect(await (await db()).cluster.count()).toBe(0);
  }, 120_000);

  it('records pg1 as primary and pg2 as replica as found, and changes nothing on the hosts', async () => {
    const preview = await previewImport(null, form('hand', ['pg2', 'pg1']));
    expect(preview).toMatchObject({ ok: true, data: { canImport: true, pgMajor: labClusterPaths('pg1').major, replicationRole: 'handrep', mode: 'async', slots: true } });
    const redirected = await importCluster(null, form('hand', ['pg2', 'pg1'])).then(
      (result) => { throw new Error(`expected a redirect, got ${JSON.stringify(result)}`); },
      (error: { to?: string }) => error.to ?? '',
    );
    const clusterId = Number(/^\/clusters\/(\d+)$/.exec(redirected)?.[1]);
    const prisma = await db();
    expect(await prisma.cluster.findUniqueOrThrow({ where: { id: clusterId }, select: { name: true, status: true, pgMajor: true, replicationRole: true, replicationSecret: true, settings: true } })).toEqual({
      name: 'hand', status: 'active', pgMajor: labClusterPaths('pg1').major, replicationRole: 'handrep', replicationSecret: null,
      settings: { clusterName: 'hand', roleName: 'handrep', slots: true, mode: 'async', imported: true },
    });
    // The replica's walreceiver names itself by cluster_name (Debian sets it to V/main) or, without one, "walreceiver".
    const streamedAs = await labSql('pg1', 'SELECT application_name FROM pg_stat_replication');
    expect(streamedAs).toMatch(/^(\d+\/main|walreceiver)$/);
    const members = await prisma.clusterMember.findMany({ where: { clusterId }, orderBy: { role: 'asc' }, select: { host: { select: { name: true } }, role: true, applicationName: true, slotName: true } });
    expect(members).toEqual([
      { host: { name: 'pg1' }, role: 'primary', applicationName: 'pg1', slotName: null },
      { host: { name: 'pg2' }, role: 'replica', applicationName: streamedAs, slotName: 'handslot' },
    ]);
    expect(await prisma.auditEvent.findFirst({ where: { action: 'cluster.import', outcome: 'ok' }, select: { actorEmail: true, targetName: true } })).toEqual({ actorEmail: operator.email, targetName: 'hand' });
    expect(await prisma.operation.count()).toBe(0);
    expect(await hostState()).toEqual(before);
  }, 120_000);

  it('refuses to add a replica to the imported cluster: Tandem does not know its password', async () => {
    const clusterId = (await (await db()).cluster.findFirstOrThrow({ where: { name: 'hand' }, select: { id: true } })).id;
    const data = new FormData();
    data.set('clusterId', String(clusterId));
    data.set('hostId', String(hostIds.pg3));
    expect(await startAddReplica(null, data)).toMatchObject({ ok: false, message: expect.stringMatching(/does not know the replication password of cluster hand/) });
    expect(await (await db()).clusterMember.count({ where: { hostId: hostIds.pg3 } })).toBe(0);
  }, 60_000);
});
