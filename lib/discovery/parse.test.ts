import { describe, expect, it } from 'vitest';
import { parseBool, parseDiskLines, parseLsClusters, parseOsRelease, parsePgdataDirs, parsePostmasterPorts, parsePostmasters, splitSections } from './parse';

describe('discovery output parsing', () => {
  it('splits sections and drops blank lines', () => {
    const sections = splitSections('@@a\none\n\n@@b\n@@c\nthree\nfour\n');
    expect(sections.get('a')).toEqual(['one']);
    expect(sections.get('b')).toEqual([]);
    expect(sections.get('c')).toEqual(['three', 'four']);
  });

  it('reads os-release with and without quotes', () => {
    expect(parseOsRelease(['PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"', 'ID=debian', "VERSION_ID='12'", 'junk'])).toEqual({
      PRETTY_NAME: 'Debian GNU/Linux 12 (bookworm)',
      ID: 'debian',
      VERSION_ID: '12',
    });
  });

  it('reads pg_lsclusters rows: online, down and in recovery', () => {
    const rows = parseLsClusters([
      '15  main    5432 online          postgres /var/lib/postgresql/15/main /var/log/postgresql/postgresql-15-main.log',
      '13  old     5433 down            postgres /var/lib/postgresql/13/old  <unknown>',
      '16  replica 5434 online,recovery postgres /srv/pg/16 /var/log/postgresql/postgresql-16-replica.log',
      'Ver Cluster Port Status Owner Data directory Log file',
    ]);
    expect(rows).toEqual([
      { version: '15', name: 'main', port: 5432, running: true, inRecovery: false, owner: 'postgres', dataDirectory: '/var/lib/postgresql/15/main', logFile: '/var/log/postgresql/postgresql-15-main.log' },
      { version: '13', name: 'old', port: 5433, running: false, inRecovery: false, owner: 'postgres', dataDirectory: '/var/lib/postgresql/13/old', logFile: null },
      { version: '16', name: 'replica', port: 5434, running: true, inRecovery: true, owner: 'postgres', dataDirectory: '/srv/pg/16', logFile: '/var/log/postgresql/postgresql-16-replica.log' },
    ]);
  });

  it('reads postmasters from the process list on hosts without pg_lsclusters', () => {
    expect(parsePostmasters(['  812 /usr/pgsql-16/bin/postgres -D /var/lib/pgsql/16/data', '900 /usr/lib/postgresql/14/bin/postgres -D /data/pg -p 5544', '77 bash'])).toMatchObject([
      { version: '16', port: 5432, dataDirectory: '/var/lib/pgsql/16/data' },
      { version: '14', port: 5544, dataDirectory: '/data/pg' },
    ]);
  });

  it('takes a postmaster\'s port from its postmaster.pid and its tools\' directory from its binary', () => {
    const ports = parsePostmasterPorts(['/var/lib/pgsql/17/data 5433', '/bad not-a-port']);
    expect(parsePostmasters(['812 /usr/pgsql-17/bin/postgres -D /var/lib/pgsql/17/data'], ports)).toEqual([{
      version: '17', name: null, port: 5433, running: true, inRecovery: false, owner: null, dataDirectory: '/var/lib/pgsql/17/data', logFile: null, binDirectory: '/usr/pgsql-17/bin',
    }]);
    expect(parsePostmasters(['812 postgres -D /srv/pg'])[0]).not.toHaveProperty('binDirectory');
  });

  it('reads PGDG data directories found on disk as stopped clusters, and skips malformed lines', () => {
    expect(parsePgdataDirs(['/var/lib/pgsql/18/data 18 5432 /usr/pgsql-18/bin', '/var/lib/pgsql/data x 5432 /bin', '/only/dir'])).toEqual([{
      version: '18', name: null, port: 5432, running: false, inRecovery: false, owner: null, dataDirectory: '/var/lib/pgsql/18/data', logFile: null, binDirectory: '/usr/pgsql-18/bin',
    }]);
  });

  it('reads df lines labelled by path', () => {
    const disks = parseDiskLines(['/var/lib/postgresql/15/main /dev/vda 270000000000 190000000000 80000000000 71% /']);
    expect(disks.get('/var/lib/postgresql/15/main')).toEqual({ path: '/var/lib/postgresql/15/main', totalBytes: 270000000000, freeBytes: 80000000000 });
  });

  it('reads PostgreSQL booleans', () => {
    expect([parseBool('on'), parseBool('off'), parseBool('t'), parseBool(null), parseBool('maybe')]).toEqual([true, false, true, null, null]);
  });
});
