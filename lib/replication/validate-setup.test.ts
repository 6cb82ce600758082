import { describe, expect, it } from 'vitest';
import { makeOptions, makeSnapshot } from './make-snapshot';
import { isIpv6, isSafePath, isServerConfigPath } from './names';
import { planSetup } from './plan-setup';
import type { SetupOptions } from './setup-types';
import { validateSetup } from './validate-setup';

const HOSTILE = ["x'y", 'a;b', '$(id)', '`id`', 'a\nb', 'a b', '-rf', 'ünïcode', 'a"b', 'a\\b', '', 'a\0b'];

function fields(snapshot = makeSnapshot(), options = makeOptions()): string[] {
  return validateSetup(snapshot, options).map((issue) => issue.field);
}

describe('validateSetup', () => {
  it('accepts the defaults', () => {
    expect(validateSetup(makeSnapshot({ replicas: 3 }), makeOptions())).toEqual([]);
  });

  it.each(HOSTILE)('refuses %j in every user-provided option and host field, naming the field', (value) => {
    const options: (keyof SetupOptions)[] = ['clusterName', 'roleName', 'maxSlotWalKeepSize', 'walKeepSize', 'stamp', 'canaryToken'];
    for (const field of options) expect(fields(makeSnapshot(), makeOptions({ [field]: value }))).toContain(field);
    expect(fields(makeSnapshot({ replicas: [{ name: value }] }))).toContain('replicas[0].name');
    expect(fields(makeSnapshot({ replicas: [{ address: value }] }))).toContain('replicas[0].address');
    expect(fields(makeSnapshot({ primary: { address: value } }))).toContain('primary.address');
    expect(fields(makeSnapshot({ replicas: [{ cluster: { dataDirectory: `/var/lib/${value}` } }] }))).toContain('replicas[0].facts.cluster.dataDirectory');
    expect(fields(makeSnapshot({ primary: { cluster: { hbaFile: `/etc/${value}` } } }))).toContain('primary.facts.cluster.hbaFile');
  });

  it('gives a clear message', () => {
    const [issue] = validateSetup(makeSnapshot(), makeOptions({ roleName: 'Bad Role' }));
    expect(issue).toEqual({ field: 'roleName', message: expect.stringContaining('lower-case letters') });
  });

  it('refuses postgres and pg_ roles as the replication role', () => {
    expect(fields(makeSnapshot(), makeOptions({ roleName: 'postgres' }))).toEqual(['roleName']);
    expect(fields(makeSnapshot(), makeOptions({ roleName: 'pg_monitor' }))).toEqual(['roleName']);
  });

  it('refuses hostile discovered control values, versions and listen_addresses', () => {
    expect(fields(makeSnapshot({ replicas: [{ cluster: { control: { kind: 'systemd', unit: 'x;reboot' } } }] }))).toContain('replicas[0].facts.cluster.control.unit');
    expect(fields(makeSnapshot({ replicas: [{ cluster: { control: { kind: 'pg_ctlcluster', version: '15', name: '-main' } } }] }))).toContain('replicas[0].facts.cluster.control.name');
    expect(fields(makeSnapshot({ replicas: [{ cluster: { control: { kind: 'pg_ctl', dataDirectory: '/a/../etc' } } }] }))).toContain('replicas[0].facts.cluster.control.dataDirectory');
    expect(fields(makeSnapshot({ primary: { cluster: { version: '15; id' } } }))).toContain('primary.facts.cluster.version');
    expect(fields(makeSnapshot({ replicas: [{ cluster: { listenAddresses: "*'\nfsync = off" } }] }))).toContain('replicas[0].facts.cluster.listenAddresses');
  });

  it('refuses replicas whose names give the same application name, or that share an address', () => {
    expect(fields(makeSnapshot({ replicas: [{ name: 'db-2' }, { name: 'db_2' }] }))).toEqual(['replicas[1].name']);
    expect(fields(makeSnapshot({ replicas: [{ address: '10.88.0.11' }] }))).toEqual(['replicas[0].address']);
    expect(fields(makeSnapshot({ replicas: [] }))).toEqual(['replicas']);
  });

  it('planSetup returns the issues instead of a plan for any hostile value', () => {
    const result = planSetup(makeSnapshot({ replicas: [{ name: 'db2`reboot`' }] }), makeOptions({ clusterName: "o'; rm -rf /" }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((issue) => issue.field)).toEqual(['clusterName', 'replicas[0].name']);
  });
});

describe('address and path rules', () => {
  it('accepts IPv6 forms and refuses zones, upper case and extra groups', () => {
    expect(['::1', 'fd00::12', '2001:db8:0:0:0:0:0:1'].every(isIpv6)).toBe(true);
    expect(['fe80::1%eth0', 'FD00::1', '1:2:3:4:5:6:7:8:9', '1::2::3', ':::'].some(isIpv6)).toBe(false);
  });

  it('accepts plain absolute paths only', () => {
    expect(isSafePath('/var/lib/postgresql/15/main')).toBe(true);
    expect(['relative/path', '/', '/a//b', '/a/./b', '/a/../b', '/a/-b', '/a b', '/a/', '/ä'].some(isSafePath)).toBe(false);
  });

  it('follows a server configuration file only inside its data directory or /etc/postgresql', () => {
    expect(isServerConfigPath('/etc/postgresql/15/main/pg_hba.conf', '/var/lib/postgresql/15/main')).toBe(true);
    expect(isServerConfigPath('/var/lib/pgsql/17/data/pg_hba.conf', '/var/lib/pgsql/17/data')).toBe(true);
    const elsewhere = ['/etc/shadow', '/root/.ssh/authorized_keys', '/etc/postgresql-common/x', '/var/lib/pgsql/17/data2/pg_hba.conf', '/etc/postgresql/../shadow', '/var/lib/pgsql/17/data'];
    expect(elsewhere.filter((file) => isServerConfigPath(file, '/var/lib/pgsql/17/data'))).toEqual([]);
  });
});
