import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heal, labHost, partition, readLabState, rekey, type LabHost } from '../../lab/client';
import { fetchHostKey } from './host-key';
import { SshPool } from './pool';
import { sh } from './shell';
import type { SshTarget } from './target';
import { LabTargets, sshError } from './testing/lab-targets';

let lab: LabTargets;
const pool = new SshPool({ idleMs: 0 });
const host = (name: string): LabHost => lab.host(name);
const target = (...args: Parameters<LabTargets['target']>): SshTarget => lab.target(...args);
const userTarget = (name: string, user: 'tdmlab' | 'tdmlabpw'): SshTarget => lab.user(name, user);

beforeAll(() => {
  lab = new LabTargets();
});

afterAll(() => pool.closeAll());

describe('host keys', () => {
  it('fetchHostKey shows the fingerprint the lab recorded, before any login', async () => {
    const pg1 = host('pg1');
    expect(await fetchHostKey(pg1.address, pg1.sshPort, { timeoutMs: 5_000 })).toEqual({
      fingerprint: pg1.currentHostKeyFingerprint, keyType: pg1.hostKeyType,
    });
  });

  it('refuses an unpinned host and names the presented fingerprint', async () => {
    const error = await sshError(pool.exec(target('pg1', 'root', undefined, null), sh`true`));
    expect(error.code).toBe('host-key-unpinned');
    expect(error.details.presentedFingerprint).toBe(host('pg1').currentHostKeyFingerprint);
    expect(error.message).toContain(host('pg1').currentHostKeyFingerprint);
  });

  it('refuses a wrong pin, naming expected and presented fingerprints', async () => {
    const wrong = host('pg2').currentHostKeyFingerprint;
    const error = await sshError(pool.exec(target('pg1', 'root', undefined, wrong), sh`true`));
    expect(error.code).toBe('host-key-mismatch');
    expect(error.message).toContain(wrong);
    expect(error.message).toContain(host('pg1').currentHostKeyFingerprint);
    expect(error.hint).toMatch(/fingerprint/);
  });

  it('refuses a host whose key changed (rekey pg3)', async () => {
    const before = host('pg3').currentHostKeyFingerprint;
    const pinned = target('pg3');
    await rekey('pg3');
    try {
      const after = labHost('pg3', readLabState()).currentHostKeyFingerprint;
      expect(after).not.toBe(before);
      pool.close(pinned);
      const error = await sshError(pool.exec(pinned, sh`true`));
      expect(error.code).toBe('host-key-mismatch');
      expect(error.details).toMatchObject({ expectedFingerprint: before, presentedFingerprint: after });
      expect(error.message).toContain(before);
      expect(error.message).toContain(after);
    } finally {
      await rekey('pg3', { restore: true });
      lab.refresh();
    }
    expect(host('pg3').currentHostKeyFingerprint).toBe(before);
  });
});

describe('logging in', () => {
  it('logs in as root with the lab key', async () => {
    const result = await pool.exec(target('pg1'), sh`id -un; hostname`);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('root\npg1\n');
  });

  it('logs in as tdmlab with a password and reuses the connection', async () => {
    const login = userTarget('pg1', 'tdmlab');
    expect((await pool.exec(login, sh`id -un`)).stdout).toBe('tdmlab\n');
    expect(await pool.session(login)).toBe(await pool.session(login));
  });

  it('reports a wrong password and an unknown user as auth-failed, without the secret', async () => {
    const badPassword = 'definitely-wrong-Pa55';
    const wrong = await sshError(pool.exec(target('pg1', 'tdmlab', { kind: 'password', password: badPassword }), sh`true`));
    expect(wrong.code).toBe('auth-failed');
    expect(wrong.message).toMatch(/refused/);
    expect(`${wrong.message} ${wrong.hint} ${JSON.stringify(wrong.details)}`).not.toContain(badPassword);
    const unknown = await sshError(pool.exec(target('pg1', 'no-such-user'), sh`true`));
    expect(unknown.code).toBe('auth-failed');
  });

  it('fails on a partitioned host within the configured timeouts, then recovers after heal', async () => {
    const pg2 = host('pg2');
    const pooled = { ...target('pg2'), connectTimeoutMs: 2_000 };
    expect((await pool.exec(pooled, sh`echo up`)).stdout).toBe('up\n');
    await partition('pg2');
    try {
      let started = Date.now();
      const stale = await sshError(pool.exec(pooled, sh`true`, { timeoutMs: 2_000 }));
      expect(stale.code).toBe('timeout');
      expect(Date.now() - started).toBeLessThan(2_000 + 1_500);

      started = Date.now();
      const fresh = await sshError(pool.exec(pooled, sh`true`));
      expect(['timeout', 'unreachable']).toContain(fresh.code);
      expect(Date.now() - started).toBeLessThan(2_000 + 1_500);

      started = Date.now();
      const probe = await sshError(fetchHostKey(pg2.address, pg2.sshPort, { timeoutMs: 2_000 }));
      expect(['timeout', 'unreachable']).toContain(probe.code);
      expect(Date.now() - started).toBeLessThan(2_000 + 1_500);
    } finally {
      await heal('pg2');
    }
    expect((await pool.exec(pooled, sh`echo back`)).stdout).toBe('back\n');
  });

  it('says unreachable when nothing listens on the SSH port', async () => {
    const pg1 = host('pg1');
    expect((await sshError(fetchHostKey(pg1.address, 2222, { timeoutMs: 2_000 }))).code).toBe('unreachable');
    expect((await sshError(pool.exec({ ...target('pg1'), port: 2222 }, sh`true`))).code).toBe('unreachable');
  });
});

describe('running as another account', () => {
  it('runs as postgres and root from a root login', async () => {
    expect((await pool.exec(target('pg1'), sh`id -un; pwd`, { as: 'postgres' })).stdout).toBe('postgres\n/var/lib/postgresql\n');
    expect((await pool.exec(target('pg1'), sh`id -un`, { as: 'root' })).stdout).toBe('root\n');
  });

  it('uses passwordless sudo for tdmlab', async () => {
    const login = userTarget('pg1', 'tdmlab');
    expect((await pool.exec(login, sh`id -un`, { as: 'root' })).stdout).toBe('root\n');
    expect((await pool.exec(login, sh`id -un`, { as: 'postgres' })).stdout).toBe('postgres\n');
  });

  it('says sudo needs a password for tdmlabpw', async () => {
    const error = await sshError(pool.exec(userTarget('pg1', 'tdmlabpw'), sh`id -un`, { as: 'root' }));
    expect(error.code).toBe('sudo-needs-password');
    expect(error.hint).toMatch(/NOPASSWD/);
  });
});
