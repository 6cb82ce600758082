import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { makeOptions, makeSnapshot } from './make-snapshot';
import { planSetup } from './plan-setup';
import { planText } from './plan-test-helpers';
import { controlCommands, serverBinDirectory, stoppedCommand } from './service-control';
import { appendMissingLines, confValue, hasLinesCommand, keepConfigFiles, movedAsidePath, passfilePath, replicaListenAddresses, restoreConfigFiles } from './standby-files';

const run = promisify(execFile);

describe('standby files', () => {
  it('names the passfile beside the data directory and the moved-aside directory after the stamp', () => {
    expect(passfilePath('/var/lib/postgresql/15/main', 'orders')).toBe('/var/lib/postgresql/15/tandem-orders.pgpass');
    expect(movedAsidePath('/var/lib/postgresql/15/main', '20261103T101500Z')).toBe('/var/lib/postgresql/15/main.tandem-20261103T101500Z');
  });

  it('quotes config values like ALTER SYSTEM and refuses line breaks', () => {
    expect(confValue("a'b")).toBe("'a''b'");
    expect(() => confValue("*'\nfsync = off")).toThrow(/line breaks/);
  });

  it('keeps the replica\'s own listen_addresses, adding its address only when allowed and needed', () => {
    const replica = (listenAddresses: string | null) => makeSnapshot({ replicas: [{ cluster: { listenAddresses } }] }).replicas[0]!;
    expect(replicaListenAddresses(replica('*'), makeOptions())).toBe('*');
    expect(replicaListenAddresses(replica('localhost'), makeOptions())).toBe('localhost');
    expect(replicaListenAddresses(replica('localhost'), makeOptions({ setListenAddresses: true }))).toBe('localhost,10.88.0.12');
    expect(replicaListenAddresses(replica(null), makeOptions())).toBe('localhost,10.88.0.12');
  });

  it('appends only missing lines, so running twice changes nothing (run in a real sh)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tandem-conf-'));
    const file = join(dir, 'postgresql.auto.conf');
    try {
      await writeFile(file, "hot_standby = 'on'\n");
      const lines = ["hot_standby = 'on'", "wal_receiver_status_interval = '1s'", "listen_addresses = '$(touch /tmp/x)'"];
      await expect(run('sh', ['-c', hasLinesCommand(file, lines).text])).rejects.toThrow();
      await run('sh', ['-c', appendMissingLines(file, lines).text]);
      await run('sh', ['-c', appendMissingLines(file, lines).text]);
      expect(await readFile(file, 'utf8')).toBe(`${lines.join('\n')}\n`);
      await run('sh', ['-c', hasLinesCommand(file, lines).text]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('service control', () => {
  it('treats only status exit 3 as stopped', () => {
    expect(stoppedCommand({ kind: 'systemd', unit: 'postgresql@15-main' }).text).toBe("systemctl is-active --quiet -- 'postgresql@15-main' >/dev/null 2>&1; test $? -eq 3");
    expect(controlCommands({ kind: 'pg_ctlcluster', version: '11', name: 'main' }).status.text).toBe("pg_ctlcluster '11' 'main' status");
  });

  it('runs the server\'s own pg_ctl and tools where discovery saw its binaries, else Debian\'s for the major', () => {
    const pgdg = { kind: 'pg_ctl' as const, dataDirectory: '/var/lib/pgsql/17/data', binDirectory: '/usr/pgsql-17/bin' };
    expect(controlCommands(pgdg).start.text).toBe("'/usr/pgsql-17/bin/pg_ctl' -D '/var/lib/pgsql/17/data' -l '/var/lib/pgsql/17/data/tandem-pg_ctl.log' -w start");
    expect(controlCommands({ kind: 'pg_ctl', dataDirectory: '/srv/pg' }).stop.text).toBe("pg_ctl -D '/srv/pg' -w stop -m fast");
    expect(serverBinDirectory(pgdg, 17)).toBe('/usr/pgsql-17/bin');
    expect(serverBinDirectory({ kind: 'systemd', unit: 'postgresql@18-main' }, 18)).toBe('/usr/lib/postgresql/18/bin');
    const unit = { kind: 'systemd' as const, unit: 'postgresql-17', binDirectory: '/usr/pgsql-17/bin' };
    expect(serverBinDirectory(unit, 17)).toBe('/usr/pgsql-17/bin');
    expect([controlCommands(unit).as, controlCommands(unit).restart.text]).toEqual(['root', "systemctl restart -- 'postgresql-17'"]);
  });
});

describe('configuration files inside the data directory', () => {
  it('are kept once and put back, and nothing happens where the data directory holds none', async () => {
    const root = await mkdtemp(join(tmpdir(), 'tandem-conf-'));
    const data = join(root, 'data');
    const keep = join(root, 'kept');
    await mkdir(data);
    await writeFile(join(data, 'postgresql.conf'), 'shared_buffers = 2GB\n');
    await writeFile(join(data, 'pg_hba.conf'), 'host all all 10.0.0.0/8 scram-sha-256\n');
    await run('sh', ['-c', keepConfigFiles(data, keep).text]);
    await writeFile(join(data, 'postgresql.conf'), 'copied from the source\n');
    await run('sh', ['-c', keepConfigFiles(data, keep).text]);
    await run('sh', ['-c', restoreConfigFiles(keep, data).text]);
    expect(await readFile(join(data, 'postgresql.conf'), 'utf8')).toBe('shared_buffers = 2GB\n');
    expect(await readFile(join(data, 'pg_hba.conf'), 'utf8')).toBe('host all all 10.0.0.0/8 scram-sha-256\n');
    const debian = join(root, 'debian');
    await mkdir(debian);
    await run('sh', ['-c', `${keepConfigFiles(debian, join(root, 'kept-debian')).text}\n${restoreConfigFiles(join(root, 'kept-debian'), debian).text}`]);
    expect(await readdir(debian)).toEqual([]);
    await rm(root, { recursive: true, force: true });
  });
});

describe('valid but unusual values', () => {
  it('still reach commands single-quoted', () => {
    const snapshot = makeSnapshot({ replicas: [{ name: 'db-2.lan', cluster: { dataDirectory: '/srv/pg@15+x/data', control: { kind: 'pg_ctl', dataDirectory: '/srv/pg@15+x/data' } } }] });
    const result = planSetup(snapshot, makeOptions({ clusterName: 'eu-west_1' }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const text = planText(result.plan);
    expect(text).toContain("-D '/srv/pg@15+x/data'");
    expect(text).toContain("PGPASSFILE='/srv/pg@15+x/tandem-eu-west_1.pgpass'");
    expect(text).not.toMatch(/[^'/]\/srv\/pg@15\+x\/data[^'/]/);
  });
});
