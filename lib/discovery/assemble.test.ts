import { describe, expect, it } from 'vitest';
import { managedCluster, readScriptOutput, serviceControl, type ScriptFacts } from './assemble';
import type { ClusterListing } from './facts';

const listing: ClusterListing = { version: '17', name: null, port: 5432, running: true, inRecovery: false, owner: 'postgres', dataDirectory: '/var/lib/pgsql/17/data', logFile: null };
const script: ScriptFacts = {
  hasLsClusters: false,
  units: new Map(),
  parentWritable: new Map(),
  disks: new Map(),
  facts: { hostname: 'db1', os: { id: 'rocky', versionId: '9', prettyName: 'Rocky Linux 9', kernel: '5.14' }, systemd: true, installedVersions: ['17'], clusters: [listing], notes: [] },
};
const live = (files: Record<string, string>) => ({ data_directory: '/var/lib/pgsql/17/data', in_recovery: 'f', ...files });

describe('the managed cluster\'s configuration files', () => {
  it('keeps hba_file and config_file inside the data directory (the PGDATA-only layout)', () => {
    const facts = managedCluster(listing, script, live({ hba_file: '/var/lib/pgsql/17/data/pg_hba.conf', config_file: '/var/lib/pgsql/17/data/postgresql.conf' }));
    expect([facts.hbaFile, facts.configFile]).toEqual(['/var/lib/pgsql/17/data/pg_hba.conf', '/var/lib/pgsql/17/data/postgresql.conf']);
  });

  it('does not follow a server whose hba_file or config_file points outside the data directory and /etc/postgresql', () => {
    const facts = managedCluster(listing, script, live({ hba_file: '/etc/shadow', config_file: '/root/postgresql.conf' }));
    expect([facts.hbaFile, facts.configFile]).toEqual([null, null]);
  });
});

describe('the clusters a host reports', () => {
  const output = (sections: Record<string, string[]>) => Object.entries(sections).map(([name, lines]) => [`@@${name}`, ...lines].join('\n')).join('\n');

  it('lists a cluster made by hand with initdb beside the ones pg_lsclusters knows, once each', () => {
    const { facts } = readScriptOutput(output({
      lsclusters: ['present', '15  main    5432 online postgres /var/lib/postgresql/15/main /var/log/postgresql/postgresql-15-main.log'],
      postmasters: ['100 /usr/lib/postgresql/15/bin/postgres -D /var/lib/postgresql/15/main -c config_file=/etc/postgresql/15/main/postgresql.conf', '200 /usr/lib/postgresql/15/bin/postgres -D /srv/scratch'],
      'postmaster-ports': ['/var/lib/postgresql/15/main 5432', '/srv/scratch 5999'],
    }));
    expect(facts.clusters.map((cluster) => [cluster.dataDirectory, cluster.name, cluster.port, cluster.binDirectory])).toEqual([
      ['/var/lib/postgresql/15/main', 'main', 5432, '/usr/lib/postgresql/15/bin'],
      ['/srv/scratch', null, 5999, '/usr/lib/postgresql/15/bin'],
    ]);
  });

  it('finds a PGDATA-only cluster running or stopped, controlled by pg_ctl from its own binaries', () => {
    const running = readScriptOutput(output({
      versions: ['17', '17'], postmasters: ['236 /usr/pgsql-17/bin/postgres -D /var/lib/pgsql/17/data'], 'postmaster-ports': ['/var/lib/pgsql/17/data 5432'],
      pgdata: ['/var/lib/pgsql/17/data 17 5432 /usr/pgsql-17/bin'],
    }));
    expect(running.facts.installedVersions).toEqual(['17']);
    expect(running.facts.clusters).toMatchObject([{ dataDirectory: '/var/lib/pgsql/17/data', running: true, binDirectory: '/usr/pgsql-17/bin' }]);
    const stopped = readScriptOutput(output({ pgdata: ['/var/lib/pgsql/17/data 17 5432 /usr/pgsql-17/bin'] }));
    const [cluster] = stopped.facts.clusters;
    if (!cluster) throw new Error('no cluster');
    expect(cluster.running).toBe(false);
    expect(serviceControl(cluster, stopped.hasLsClusters, false)).toEqual({ kind: 'pg_ctl', dataDirectory: '/var/lib/pgsql/17/data', binDirectory: '/usr/pgsql-17/bin' });
    expect(managedCluster(cluster, stopped, null)).toMatchObject({ configFile: '/var/lib/pgsql/17/data/postgresql.conf', hbaFile: '/var/lib/pgsql/17/data/pg_hba.conf', running: false, parentWritable: null });
    const rootOwned = readScriptOutput(output({ pgdata: ['/var/lib/pgsql/17/data 17 5432 /usr/pgsql-17/bin'], 'parent-writable': ['/var/lib/pgsql/17/data no', 'junk'] }));
    expect(managedCluster(cluster, rootOwned, null).parentWritable).toBe(false);
  });

  it('controls a PGDATA cluster through the systemd unit that starts it, with the server\'s own tools', () => {
    const host = readScriptOutput(output({
      systemd: ['yes'], postmasters: ['41 /usr/pgsql-17/bin/postmaster -D /var/lib/pgsql/17/data'],
      units: ['postgresql-17.service /var/lib/pgsql/17/data', 'postgresql-16.service /var/lib/pgsql/16/data', 'bad;unit.service /x'],
    }));
    const [cluster] = host.facts.clusters;
    if (!cluster) throw new Error('no cluster');
    expect(managedCluster(cluster, host, null).control).toEqual({ kind: 'systemd', unit: 'postgresql-17', binDirectory: '/usr/pgsql-17/bin' });
    expect(serviceControl(cluster, false, false, host.units)).toEqual({ kind: 'pg_ctl', dataDirectory: '/var/lib/pgsql/17/data', binDirectory: '/usr/pgsql-17/bin' });
    expect(host.units.size).toBe(2);
  });
});
