import { beforeAll, describe, expect, it } from 'vitest';
import { assertLabAddress, heal, labClusterPaths, labHost, labSsh, labUser, partition, pgStart, pgStop, readLabPrivateKey, rekey } from '@/lab/client';
import type { SshTarget } from '@/lib/ssh/target';
import { discoverHost } from './discover-host';

function rootTarget(name: string, overrides: Partial<SshTarget> = {}): SshTarget {
  const host = labHost(name);
  assertLabAddress(host.address);
  return { address: host.address, port: host.sshPort, username: 'root', auth: { kind: 'key', privateKey: readLabPrivateKey() }, pinnedHostKey: host.currentHostKeyFingerprint ?? host.hostKeyFingerprint, ...overrides };
}

describe('host discovery against the lab', () => {
  beforeAll(async () => {
    await pgStart('pg1').catch(() => undefined);
  });

  it('reports pg1: Debian, its PostgreSQL on 5432, Debian paths, pg_ctlcluster control, checksums, size and free disk', async () => {
    const { major, dataDirectory, configDirectory } = labClusterPaths('pg1');
    const outcome = await discoverHost(rootTarget('pg1'), 5432);
    if (!outcome.ok) throw new Error(`${outcome.code}: ${outcome.message}`);
    const { facts } = outcome;
    expect(facts.hostname).toBe('pg1');
    expect(facts.os.id).toBe('debian');
    expect(facts.installedVersions).toContain(String(major));
    expect(facts.cluster).toMatchObject({
      version: String(major),
      name: 'main',
      port: 5432,
      running: true,
      inRecovery: false,
      dataDirectory,
      configFile: `${configDirectory}/postgresql.conf`,
      hbaFile: `${configDirectory}/pg_hba.conf`,
      control: { kind: 'pg_ctlcluster', version: String(major), name: 'main' },
      dataChecksums: true,
    });
    expect(facts.cluster?.serverVersion).toMatch(new RegExp(`^${major}\\.`));
    expect(facts.cluster?.databaseBytes).toBeGreaterThan(1_000_000);
    expect(facts.cluster?.disk?.freeBytes).toBeGreaterThan(0);
    expect(facts.cluster?.disk?.totalBytes).toBeGreaterThanOrEqual(facts.cluster?.disk?.freeBytes ?? 0);
  });

  it('reports a stopped PostgreSQL as stopped, with its paths, not as an SSH failure', async () => {
    await pgStop('pg2');
    try {
      const outcome = await discoverHost(rootTarget('pg2'), 5432);
      if (!outcome.ok) throw new Error(`${outcome.code}: ${outcome.message}`);
      const { dataDirectory, configDirectory } = labClusterPaths('pg2');
      expect(outcome.facts.cluster).toMatchObject({ running: false, dataDirectory, configFile: `${configDirectory}/postgresql.conf` });
      expect(outcome.facts.notes.join(' ')).toMatch(/stopped/);
    } finally {
      await pgStart('pg2');
    }
  });

  it('says which clusters exist when none uses the configured port', async () => {
    const outcome = await discoverHost(rootTarget('pg1'), 6543);
    expect(outcome).toMatchObject({ ok: false, code: 'no-cluster-on-port', message: expect.stringContaining(`${labClusterPaths('pg1').major}/main on port 5432`) });
  });

  it('asks for acceptance on first contact and shows the fingerprint the lab recorded', async () => {
    const outcome = await discoverHost(rootTarget('pg1', { pinnedHostKey: null }), 5432);
    expect(outcome).toMatchObject({ ok: false, code: 'host-key-unpinned', presentedFingerprint: labHost('pg1').currentHostKeyFingerprint ?? labHost('pg1').hostKeyFingerprint });
  });

  it('refuses a changed host key and names both fingerprints', async () => {
    const before = rootTarget('pg3');
    await rekey('pg3');
    try {
      const outcome = await discoverHost(before, 5432);
      const now = labHost('pg3').currentHostKeyFingerprint;
      expect(now).toBeDefined();
      expect(now).not.toBe(before.pinnedHostKey);
      expect(outcome).toMatchObject({ ok: false, code: 'host-key-mismatch', presentedFingerprint: now });
      if (outcome.ok) return;
      expect(outcome.message).toContain(String(before.pinnedHostKey));
      expect(outcome.message).toContain(String(now));
    } finally {
      await rekey('pg3', { restore: true });
    }
  });

  it('gives a clear error for a wrong password and for an unknown user', async () => {
    const user = labUser('tdmlab');
    const wrong = await discoverHost(rootTarget('pg1', { username: user.name, auth: { kind: 'password', password: `${user.password}x` } }), 5432);
    expect(wrong).toMatchObject({ ok: false, code: 'auth-failed' });
    const unknown = await discoverHost(rootTarget('pg1', { username: 'nosuchuser', auth: { kind: 'password', password: 'whatever' } }), 5432);
    expect(unknown).toMatchObject({ ok: false, code: 'auth-failed' });
    if (!wrong.ok) expect(wrong.message).not.toContain(user.password);
  });

  it('works as a password user with passwordless sudo', async () => {
    const user = labUser('tdmlab');
    const outcome = await discoverHost(rootTarget('pg1', { username: user.name, auth: { kind: 'password', password: user.password } }), 5432);
    expect(outcome).toMatchObject({ ok: true, facts: { cluster: { dataDirectory: labClusterPaths('pg1').dataDirectory } } });
  });

  it('fails a partitioned host within the connect timeout with a clear error', async () => {
    await partition('pg2');
    try {
      const started = Date.now();
      const outcome = await discoverHost(rootTarget('pg2', { connectTimeoutMs: 2_000 }), 5432);
      const elapsed = Date.now() - started;
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(['timeout', 'unreachable']).toContain(outcome.code);
      expect(elapsed).toBeLessThan(2_000 + 2_500);
    } finally {
      await heal('pg2');
    }
    expect((await labSsh('pg2', 'true')).code).toBe(0);
  });
});
