import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labExec, labHost, labSql, labSsh } from '@/lab/client';
import { memberTlsFiles } from './member-files';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'c'.repeat(64);

const { db } = await import('@/lib/db/client');
const runner = await import('@/lib/operations/runner');
const { setupKind } = await import('@/lib/operations/setup/kind');
const { renewCertificatesKind } = await import('@/lib/operations/renew-certificates/kind');
const { labActor, labSetupForm, registerLabHosts, startLabSetup } = await import('@/lib/setup/testing/lab-fixture');
const { loadMonitoredMembers } = await import('@/lib/db/monitor-clusters');
const { listMemberCertificates } = await import('@/lib/db/certificates');
const { unseal } = await import('@/lib/db/secrets');
const { withManagedClient } = await import('@/lib/pg/managed-client');
const { getSshPool } = await import('@/lib/ssh/pool');

const files = memberTlsFiles('orders');
let hostIds: Record<string, number> = {};
let clusterId = 0;

async function finished(operationId: number) {
  const result = await runner.waitForOperation(operationId);
  const steps = await (await db()).operationStep.findMany({ where: { operationId }, orderBy: { position: 'asc' }, select: { name: true, status: true, outcome: true } });
  return { status: result?.status, steps };
}

/** The monitor's own connection to `host`, as the poller makes it; answers whether it is TLS and the channel is bound. */
async function monitorSees(host: string): Promise<{ ssl: boolean; version: string }> {
  const cluster = await (await db()).cluster.findUniqueOrThrow({ where: { id: clusterId }, select: { monitorSecret: true } });
  const members = await loadMonitoredMembers(clusterId, await unseal('cluster.monitorSecret', cluster.monitorSecret ?? ''));
  const member = members.find((candidate) => candidate.name === host);
  if (!member) throw new Error(`no member ${host}`);
  return withManagedClient({ ...member.target, connectTimeoutMs: 5_000 }, async (client) => {
    const row = (await client.query<{ ssl: boolean; version: string }>('SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()')).rows[0];
    if (!row) throw new Error('no pg_stat_ssl row');
    return row;
  });
}

/** The replica's own replication login, with exactly the conninfo its walreceiver uses. */
async function replicationLoginFrom(replica: string): Promise<{ code: number | null; stderr: string }> {
  const conninfo = await labSql(replica, "SELECT setting FROM pg_settings WHERE name = 'primary_conninfo'");
  const login = `${conninfo} dbname=replication replication=true connect_timeout=5`;
  const result = await labExec(replica, ['runuser', '-u', 'postgres', '--', 'psql', '-X', '-w', '-d', login, '-c', 'IDENTIFY_SYSTEM']);
  return { code: result.code, stderr: result.stderr };
}

async function pointPg1At(cert: string, key: string): Promise<void> {
  await labSql('pg1', `ALTER SYSTEM SET ssl_cert_file = '${cert}'`);
  await labSql('pg1', `ALTER SYSTEM SET ssl_key_file = '${key}'`);
  await labSql('pg1', 'SELECT pg_reload_conf()');
}

describe('TLS with Tandem\'s CA, against the lab', () => {
  beforeAll(async () => {
    hostIds = await registerLabHosts(['pg1', 'pg2']);
  }, 120_000);

  afterAll(() => getSshPool().closeAll());

  it('setup with TLS issues each member a certificate and streams over verified TLS', async () => {
    const started = await startLabSetup(labSetupForm(hostIds.pg1 ?? 0, [hostIds.pg2 ?? 0], { tls: true }));
    clusterId = started.clusterId;
    const { status, steps } = await finished(started.operationId);
    expect(status, JSON.stringify(steps.filter((step) => step.status === 'failed'))).toBe('succeeded');

    expect(await labSql('pg1', 'SELECT string_agg(r.application_name || \':\' || s.ssl, \',\') FROM pg_stat_replication r JOIN pg_stat_ssl s USING (pid)')).toBe('pg2:true');
    const conninfo = await labSql('pg2', "SELECT setting FROM pg_settings WHERE name = 'primary_conninfo'");
    expect(conninfo).toMatch(/\bsslmode='?verify-full\b/);
    expect(conninfo).toContain(`sslrootcert='${files.authority}'`);
    expect(conninfo).toMatch(/\bchannel_binding='?require\b/);
    // Each member's key was made on the member, and differs from the other's (a clone copies no key).
    const keys = await Promise.all(['pg1', 'pg2'].map(async (host) => (await labSsh(host, `openssl pkey -pubout -in ${files.key}`)).stdout));
    expect(keys[0]).not.toBe(keys[1]);
    expect((await labSsh('pg2', `stat -c '%U %a' ${files.key}`)).stdout.trim()).toBe('postgres 600');
    const dataDirectory = await labSql('pg2', 'SHOW data_directory');
    expect((await labSsh('pg2', `ls ${dataDirectory}`)).stdout).toContain('PG_VERSION');
    expect((await labSsh('pg2', `ls ${dataDirectory}`)).stdout).not.toMatch(/server\.(key|crt)/);

    const certificates = await listMemberCertificates(clusterId);
    expect(certificates.map((row) => [row.hostName, row.names]).sort()).toEqual([['pg1', `IP Address:${labHost('pg1').address}, DNS:pg1`], ['pg2', `IP Address:${labHost('pg2').address}, DNS:pg2`]]);
    for (const row of certificates) expect(Math.round((row.notAfter.getTime() - Date.now()) / 86_400_000)).toBe(365);

    for (const host of ['pg1', 'pg2']) expect((await monitorSees(host)).ssl).toBe(true);
    // Tandem's pg_hba lines, for replication and for the monitor, admit TLS connections only.
    for (const host of ['pg1', 'pg2']) {
      expect(await labSql(host, "SELECT string_agg(DISTINCT type, ',') FROM pg_hba_file_rules WHERE user_name && ARRAY['replicator', 'tandem_monitor']")).toBe('hostssl');
    }
  }, 300_000);

  it('a forged server certificate makes both the monitor and the replica refuse the server', async () => {
    const address = labHost('pg1').address;
    await labSsh('pg1', `set -e; cd /tmp
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 -subj /CN=${address} -addext subjectAltName=IP:${address} -keyout forged.key -out forged.crt 2>/dev/null
chown postgres:postgres forged.key forged.crt; chmod 600 forged.key`);
    await pointPg1At('/tmp/forged.crt', '/tmp/forged.key');
    try {
      await expect(monitorSees('pg1')).rejects.toThrow(/certificate/i);
      const login = await replicationLoginFrom('pg2');
      expect(login.code).not.toBe(0);
      expect(login.stderr).toMatch(/certificate verify failed/);
    } finally {
      await pointPg1At(files.cert, files.key);
    }
    expect((await monitorSees('pg1')).ssl).toBe(true);
    expect((await replicationLoginFrom('pg2')).code).toBe(0);
  }, 120_000);

  it('running the same setup again leaves every certificate as it is', async () => {
    const before = await listMemberCertificates(clusterId);
    const operation = await (await db()).operation.findFirstOrThrow({ where: { clusterId, kind: 'setup' }, select: { params: true } });
    const claim = await runner.startOperation(setupKind, { clusterId, params: setupKind.params.parse(operation.params), reason: 'lab', actor: labActor });
    if (!claim.ok) throw new Error(claim.message);
    const { status, steps } = await finished(claim.operationId);
    expect(status).toBe('succeeded');
    expect(steps.filter((step) => /TLS certificate/.test(step.name)).map((step) => step.status)).toEqual(['skipped', 'skipped']);
    expect((await listMemberCertificates(clusterId)).map((row) => row.fingerprint)).toEqual(before.map((row) => row.fingerprint));
  }, 300_000);

  it('renewal gives every member a new key and certificate that PostgreSQL serves after its reload', async () => {
    const before = await listMemberCertificates(clusterId);
    const keysBefore = await Promise.all(['pg1', 'pg2'].map(async (host) => (await labSsh(host, `openssl pkey -pubout -in ${files.key}`)).stdout));
    const claim = await runner.startOperation(renewCertificatesKind, { clusterId, params: {}, reason: 'lab', actor: labActor });
    if (!claim.ok) throw new Error(claim.message);
    const { status, steps } = await finished(claim.operationId);
    expect(status, JSON.stringify(steps)).toBe('succeeded');
    expect(steps.map((step) => step.name)).toEqual(["Renew pg1's TLS certificate", "Renew pg2's TLS certificate"]);
    const after = await listMemberCertificates(clusterId);
    expect(after.map((row) => row.hostName).sort()).toEqual(['pg1', 'pg2']);
    for (const row of after) expect(before.find((old) => old.hostId === row.hostId)?.fingerprint).not.toBe(row.fingerprint);
    const keysAfter = await Promise.all(['pg1', 'pg2'].map(async (host) => (await labSsh(host, `openssl pkey -pubout -in ${files.key}`)).stdout));
    expect(keysAfter[0]).not.toBe(keysBefore[0]);
    expect(keysAfter[1]).not.toBe(keysBefore[1]);
    // A new connection gets the new certificate: the one on file, recorded by Tandem.
    const served = await labSsh('pg2', `echo | openssl s_client -starttls postgres -connect ${labHost('pg1').address}:5432 2>/dev/null | openssl x509 -noout -fingerprint -sha256`);
    expect(served.stdout.trim().split('=')[1]).toBe(after.find((row) => row.hostName === 'pg1')?.fingerprint);
    expect((await monitorSees('pg1')).ssl).toBe(true);
    expect((await replicationLoginFrom('pg2')).code).toBe(0);
  }, 120_000);
});
