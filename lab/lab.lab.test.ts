import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertLabAddress,
  crash,
  heal,
  labClusterPaths,
  labExec,
  labHost,
  labSsh,
  labStatus,
  partition,
  pgKill,
  pgStart,
  pgStop,
  readLabHosts,
  readLabState,
  rekey,
  startHost,
  stopHost,
  type LabHost,
  type LabHostStatus,
  type LabResult,
} from './client';

const run = promisify(execFile);

let hosts: LabHost[] = [];

beforeAll(() => {
  hosts = readLabHosts();
  for (const h of hosts) assertLabAddress(h.address);
});

/** Runs a command on a host over ssh and fails the test when it does not exit 0. */
async function ssh(host: string, cmd: string): Promise<string> {
  const result = await labSsh(host, cmd);
  expect(result, `${host}: ${cmd}\n${result.stderr}`).toMatchObject({ code: 0 });
  return result.stdout.trim();
}

const asPostgres = (sql: string): string => `cd / && runuser -u postgres -- psql -XtAc "${sql}"`;

async function statusOf(host: string): Promise<LabHostStatus> {
  const status = (await labStatus()).find((s) => s.name === host);
  if (!status) throw new Error(`no status for ${host}`);
  return status;
}

async function scanFingerprint(address: string): Promise<string> {
  assertLabAddress(address);
  const { stdout } = await run('ssh-keyscan', ['-t', 'ed25519', '-T', '5', address], { encoding: 'utf8' });
  const line = stdout.split('\n').find((l) => l.startsWith(`${address} ssh-ed25519 `));
  const blob = line?.split(' ')[2];
  if (!blob) throw new Error(`no ed25519 key from ${address}`);
  return `SHA256:${createHash('sha256').update(Buffer.from(blob, 'base64')).digest('base64').replace(/=+$/, '')}`;
}

describe('lab hosts', () => {
  it('records three hosts on 10.88.0.0/24 with ssh and PostgreSQL ports', () => {
    expect(hosts.map((h) => [h.name, h.address, h.sshPort, h.pgPort])).toEqual([
      ['pg1', '10.88.0.11', 22, 5432],
      ['pg2', '10.88.0.12', 22, 5432],
      ['pg3', '10.88.0.13', 22, 5432],
    ]);
    expect(new Set(hosts.map((h) => h.hostKeyFingerprint)).size).toBe(hosts.length);
  });

  it('each host answers ssh with its recorded host key', async () => {
    for (const h of hosts) {
      expect(await scanFingerprint(h.address)).toBe(h.hostKeyFingerprint);
      expect(await ssh(h.name, 'hostname')).toBe(h.name);
    }
  });

  it('each host runs its own PostgreSQL cluster of its major in its layout\'s stock paths, checksums on', async () => {
    for (const h of hosts) {
      expect(await ssh(h.name, asPostgres('select version()'))).toMatch(new RegExp(`^PostgreSQL ${h.pgMajor}\\.`));
      if (h.pgLayout === 'debian') {
        expect(await ssh(h.name, 'pg_lsclusters -h')).toMatch(new RegExp(`^${h.pgMajor}\\s+main\\s+5432\\s+online\\s+postgres\\s+/var/lib/postgresql/${h.pgMajor}/main`));
      } else {
        expect(await ssh(h.name, asPostgres('show data_directory'))).toBe(`/var/lib/pgsql/${h.pgMajor}/data`);
      }
      expect(await ssh(h.name, asPostgres('show data_checksums'))).toBe('on');
      expect(await ssh(h.name, asPostgres('show listen_addresses'))).toBe('*');
      expect(await ssh(h.name, asPostgres('select pg_is_in_recovery()'))).toBe('f');
    }
  });

  it('hosts reach each other on 5432 and have no route out', async () => {
    expect(await ssh('pg1', 'pg_isready -h 10.88.0.12 -p 5432')).toContain('accepting connections');
    expect(await ssh('pg3', 'pg_isready -h 10.88.0.11 -p 5432')).toContain('accepting connections');
    expect(await ssh('pg2', 'ip route show default')).toBe('');
  });

  it('hosts have their own /var/lib/postgresql, /etc/ssh, /root and /tmp', async () => {
    const marker = `marker-${Date.now()}`;
    await ssh('pg1', `touch /var/lib/postgresql/${marker} /tmp/${marker} /root/${marker}`);
    try {
      expect(await ssh('pg1', `ls /var/lib/postgresql/${marker} /tmp/${marker} /root/${marker} | wc -l`)).toBe('3');
      expect(await ssh('pg2', `ls /var/lib/postgresql/${marker} /tmp/${marker} /root/${marker} 2>/dev/null | wc -l`)).toBe('0');
      const keys = await Promise.all(hosts.map((h) => ssh(h.name, 'cat /etc/ssh/ssh_host_ed25519_key.pub')));
      expect(new Set(keys).size).toBe(hosts.length);
    } finally {
      await ssh('pg1', `rm -f /var/lib/postgresql/${marker} /tmp/${marker} /root/${marker}`);
    }
  });

  it('exec runs inside the host without ssh', async () => {
    const result: LabResult = await labExec('pg2', ['hostname']);
    expect(result).toMatchObject({ code: 0, stdout: 'pg2\n' });
  });
});

describe('test users', () => {
  function sshPassword(address: string, user: string, password: string, cmd: string): Promise<{ code: number; out: string }> {
    assertLabAddress(address);
    const pinned = labHost('pg1').hostKeyFingerprint;
    return new Promise((resolve, reject) => {
      const client = new Client();
      client
        .on('ready', () => {
          client.exec(cmd, (err, stream) => {
            if (err) return reject(err);
            let out = '';
            stream.on('data', (d: Buffer) => (out += d.toString()));
            stream.stderr.on('data', (d: Buffer) => (out += d.toString()));
            stream.on('close', (code: number) => {
              client.end();
              resolve({ code, out });
            });
          });
        })
        .on('error', reject)
        .connect({
          host: address,
          username: user,
          password,
          algorithms: { serverHostKey: ['ssh-ed25519'] },
          hostVerifier: (key: Buffer) =>
            `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}` === pinned,
        });
    });
  }

  it('tdmlab logs in with its password and has sudo without a password', async () => {
    const { users } = readLabState();
    const user = users.find((u) => u.name === 'tdmlab');
    if (!user) throw new Error('no tdmlab user recorded');
    const result = await sshPassword(labHost('pg1').address, user.name, user.password, 'hostname && sudo -n id -u');
    expect(result).toEqual({ code: 0, out: 'pg1\n0\n' });
  });

  it('tdmlabpw needs its password for sudo', async () => {
    const { users } = readLabState();
    const user = users.find((u) => u.name === 'tdmlabpw');
    if (!user) throw new Error('no tdmlabpw user recorded');
    const address = labHost('pg1').address;
    const noPassword = await sshPassword(address, user.name, user.password, 'sudo -n true');
    expect(noPassword.code).not.toBe(0);
    expect(noPassword.out).toContain('password is required');
    const withPassword = await sshPassword(address, user.name, user.password,
      `printf '%s\\n' '${user.password}' | sudo -S -p '' id -u`);
    expect(withPassword).toEqual({ code: 0, out: '0\n' });
  });
});

describe('faults', () => {
  afterAll(async () => {
    for (const h of hosts) await startHost(h.name);
  });

  it('partition makes a host unreachable until heal', async () => {
    await partition('pg3');
    try {
      expect((await statusOf('pg3')).link).toBe('down');
      const cut = await labSsh('pg3', 'true', { connectTimeoutSeconds: 2 });
      expect(cut.code).toBe(255);
      const peer = await labSsh('pg1', 'pg_isready -t 1 -h 10.88.0.13 -p 5432');
      expect(peer.code).not.toBe(0);
    } finally {
      await heal('pg3');
    }
    expect(await ssh('pg3', 'hostname')).toBe('pg3');
    expect(await ssh('pg1', 'pg_isready -h 10.88.0.13 -p 5432')).toContain('accepting connections');
  });

  it('pg-stop and pg-start stop and start PostgreSQL only', async () => {
    await pgStop('pg2');
    expect(await statusOf('pg2')).toMatchObject({ running: true, sshd: true, postgres: 'stopped' });
    expect(await ssh('pg2', 'pg_lsclusters -h')).toMatch(/\bdown\b/);
    await pgStart('pg2');
    expect(await ssh('pg2', asPostgres('select 1'))).toBe('1');
  });

  it('pg-kill kills the postmaster with SIGKILL; pg-start recovers', async () => {
    await pgKill('pg2');
    expect((await statusOf('pg2')).postgres).toBe('stopped');
    await pgStart('pg2');
    expect(await ssh('pg2', asPostgres('select 1'))).toBe('1');
    expect(await ssh('pg2', `tail -n 30 /var/log/postgresql/postgresql-${labClusterPaths('pg2').major}-main.log`)).toMatch(
      /not properly shut down|interrupted/,
    );
  });

  it('crash cuts the power; start brings the host back with its data and host key', async () => {
    const h = labHost('pg2');
    await ssh('pg2', asPostgres('create table if not exists lab_crash (v text); insert into lab_crash values (\'kept\')'));
    await crash('pg2');
    expect(await statusOf('pg2')).toMatchObject({ running: false, link: 'down', sshd: false });
    expect((await labSsh('pg2', 'true', { connectTimeoutSeconds: 2 })).code).toBe(255);
    await startHost('pg2');
    expect(await scanFingerprint(h.address)).toBe(h.hostKeyFingerprint);
    expect(await ssh('pg2', asPostgres('select v from lab_crash'))).toContain('kept');
    expect(await ssh('pg2', `tail -n 30 /var/log/postgresql/postgresql-${labClusterPaths('pg2').major}-main.log`)).toMatch(/not properly shut down/);
    await ssh('pg2', asPostgres('drop table lab_crash'));
  });

  it('stop shuts the host down cleanly; start boots it again', async () => {
    await stopHost('pg3');
    expect(await statusOf('pg3')).toMatchObject({ namespace: true, running: false, pid1: null, link: 'down' });
    await startHost('pg3');
    expect(await statusOf('pg3')).toMatchObject({ running: true, link: 'up', sshd: true, postgres: 'running' });
    expect(await ssh('pg3', `tail -n 30 /var/log/postgresql/postgresql-${labClusterPaths('pg3').major}-main.log`)).toMatch(/database system was shut down at/);
  });

  it('rekey gives a host new host keys, --restore brings the original back', async () => {
    const before = labHost('pg1');
    await rekey('pg1');
    try {
      const after = labHost('pg1');
      expect(after.hostKeyFingerprint).toBe(before.hostKeyFingerprint);
      expect(after.currentHostKeyFingerprint).not.toBe(before.hostKeyFingerprint);
      expect(await scanFingerprint(after.address)).toBe(after.currentHostKeyFingerprint);
      expect(await ssh('pg1', 'hostname')).toBe('pg1');
    } finally {
      await rekey('pg1', { restore: true });
    }
    expect(labHost('pg1').currentHostKeyFingerprint).toBe(before.hostKeyFingerprint);
    expect(await scanFingerprint(before.address)).toBe(before.hostKeyFingerprint);
  });
});
