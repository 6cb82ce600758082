import { describe, expect, it } from 'vitest';
import { managedCluster, type ScriptFacts } from './assemble';
import type { ClusterListing } from './facts';

const listing: ClusterListing = { version: '17', name: null, port: 5432, running: true, inRecovery: false, owner: 'postgres', dataDirectory: '/var/lib/pgsql/17/data', logFile: null };
const script: ScriptFacts = {
  hasLsClusters: false,
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
