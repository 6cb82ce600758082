import { describe, expect, it } from 'vitest';
import { applyHbaLines, formatHbaLine, hbaMarker, hbaWriteCommand } from './hba';

const marker = 'tandem:orders';
const debianHba = `# PostgreSQL Client Authentication Configuration File
# TYPE  DATABASE        USER            ADDRESS                 METHOD

# Database administrative login by Unix domain socket
local   all             postgres                                peer

local   all             all                                     peer
host    all             all             127.0.0.1/32            scram-sha-256
host    all             all             0.0.0.0/0               reject
`;
const line1 = formatHbaLine({ tls: false, role: 'replicator', address: '10.88.0.12', method: 'scram-sha-256' }, marker);
const line2 = formatHbaLine({ tls: false, role: 'replicator', address: '10.88.0.13', method: 'scram-sha-256' }, marker);

describe('formatHbaLine', () => {
  it('writes host or hostssl, /32 or /128, the method and the marker', () => {
    expect(line1).toBe('host\treplication\treplicator\t10.88.0.12/32\tscram-sha-256\t# tandem:orders');
    expect(formatHbaLine({ tls: true, role: 'rep', address: 'fd00::12', method: 'md5' }, marker)).toBe('hostssl\treplication\trep\tfd00::12/128\tmd5\t# tandem:orders');
  });

  it('refuses an address that is not an IP', () => {
    expect(() => formatHbaLine({ tls: false, role: 'r', address: 'db2.example', method: 'md5' }, marker)).toThrow(/Not an IP/);
  });
});

describe('applyHbaLines', () => {
  it('inserts before the first rule, after the leading comments', () => {
    const out = applyHbaLines(debianHba, [line1, line2], marker).split('\n');
    const first = out.findIndex((line) => line.startsWith('local'));
    expect(out[first - 2]).toBe(line1);
    expect(out[first - 1]).toBe(line2);
    expect(out.indexOf(line1)).toBeLessThan(out.findIndex((line) => line.includes('0.0.0.0/0')));
    expect(out.slice(0, 4)).toEqual(debianHba.split('\n').slice(0, 4));
  });

  it('is idempotent', () => {
    const once = applyHbaLines(debianHba, [line1, line2], marker);
    expect(applyHbaLines(once, [line1, line2], marker)).toBe(once);
  });

  it('replaces the cluster\'s earlier lines wherever they are, and leaves other markers and rules alone', () => {
    const other = 'host\treplication\trep\t10.9.9.9/32\tmd5\t# tandem:billing';
    const stale = 'host replication replicator 10.88.0.99/32 md5 # tandem:orders';
    const text = `${debianHba}${stale}\n${other}\n`;
    const out = applyHbaLines(text, [line1], marker);
    expect(out).not.toContain('10.88.0.99');
    expect(out).toContain(other);
    expect(out.split('\n').filter((line) => line === line1)).toHaveLength(1);
    expect(out.replace(`${line1}\n`, '')).toBe(`${debianHba}${other}\n`);
  });

  it('does not treat a similar marker or a commented-out line as its own', () => {
    const text = 'host all all ::1/128 md5 # tandem:orders2\n# host replication x 1.2.3.4/32 md5 # tandem:orders\n';
    expect(applyHbaLines(text, [], marker)).toBe(text);
  });

  it('removes the cluster\'s lines when given none', () => {
    const once = applyHbaLines(debianHba, [line1], marker);
    expect(applyHbaLines(once, [], marker)).toBe(debianHba);
  });

  it('appends to a file of comments only, and handles empty text and a missing final newline', () => {
    expect(applyHbaLines('# only comments\n', [line1], marker)).toBe(`# only comments\n${line1}\n`);
    expect(applyHbaLines('', [line1], marker)).toBe(`${line1}\n`);
    expect(applyHbaLines('local all all peer', [line1], marker)).toBe(`${line1}\nlocal all all peer`);
  });

  it('refuses lines without the marker or with a line break', () => {
    expect(() => applyHbaLines(debianHba, ['host all all 0.0.0.0/0 trust'], marker)).toThrow(/must be one line/);
    expect(() => applyHbaLines(debianHba, [`host all all 0.0.0.0/0 trust\n${line1}`], marker)).toThrow(/must be one line/);
    expect(() => applyHbaLines(debianHba, [line1], 'tandem:$(id)')).toThrow(/Invalid pg_hba marker/);
  });
});

describe('hba commands', () => {
  it('builds the marker only from a valid cluster name', () => {
    expect(hbaMarker('orders')).toBe('tandem:orders');
    expect(() => hbaMarker("x'; rm -rf /")).toThrow(/Invalid cluster name/);
  });

  it('writes atomically and refuses when the file changed', () => {
    const command = hbaWriteCommand('/etc/postgresql/15/main/pg_hba.conf', 'a'.repeat(64)).text;
    expect(command).toContain("sha256sum -- '/etc/postgresql/15/main/pg_hba.conf'");
    expect(command).toContain("mktemp -- '/etc/postgresql/15/main/pg_hba.conf.tandem.XXXXXX'");
    expect(command).toContain("mv -f -- \"$tmp\" '/etc/postgresql/15/main/pg_hba.conf'");
    expect(() => hbaWriteCommand('/x', "'; reboot")).toThrow(/expectedSha256/);
  });
});
