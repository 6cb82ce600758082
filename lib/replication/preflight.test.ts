import { describe, expect, it } from 'vitest';
import { makeOptions, makeSnapshot } from './make-snapshot';
import { requiredReplicaBytes } from './preflight-hosts';
import { runPreflight } from './preflight';
import type { PreflightStatus } from './preflight-types';
import type { ExistingRole, SetupOptions, SetupSnapshot } from './setup-types';

const GIB = 1024 ** 3;

function statusOf(snapshot: SetupSnapshot, id: string, options: SetupOptions = makeOptions(), host?: string): PreflightStatus[] {
  return runPreflight(snapshot, options).checks.filter((c) => c.id === id && (host === undefined || c.host === host)).map((c) => c.status);
}

describe('runPreflight', () => {
  it('passes a healthy primary and replica, with Run enabled', () => {
    const result = runPreflight(makeSnapshot(), makeOptions());
    expect(result.canRun).toBe(true);
    expect(result.checks.filter((c) => c.status !== 'pass').map((c) => c.id)).toEqual(['rewind-ready']);
    expect(result.checks.every((c) => c.message.length > 0)).toBe(true);
  });

  it('disables Run when any check fails, and every failure has a hint', () => {
    const result = runPreflight(makeSnapshot({ replicas: [{ hostKeyPinned: false }] }), makeOptions());
    expect(result.canRun).toBe(false);
    expect(result.checks.filter((c) => c.status === 'fail').every((c) => c.hint.length > 0)).toBe(true);
  });

  it('host key and ssh: fail when not pinned or discovery failed', () => {
    expect(statusOf(makeSnapshot({ primary: { hostKeyPinned: false } }), 'host-key', undefined, 'db1')).toEqual(['fail']);
    expect(statusOf(makeSnapshot({ replicas: [{ discoveryProblem: { code: 'unreachable', message: 'No answer from tandem@10.88.0.12:22.', hint: 'Check the network.' } }] }), 'ssh', undefined, 'db2')).toEqual(['fail']);
    expect(statusOf(makeSnapshot(), 'ssh')).toEqual(['pass', 'pass']);
  });

  it('version: passes the same major, fails a mismatch, an unknown and a pre-10 version', () => {
    expect(statusOf(makeSnapshot(), 'version')).toEqual(['pass']);
    const mismatch = runPreflight(makeSnapshot({ replicas: [{ cluster: { version: '14' } }] }), makeOptions());
    expect(mismatch.checks.find((c) => c.id === 'version')).toMatchObject({ status: 'fail', message: expect.stringContaining('db2 (14)') });
    expect(statusOf(makeSnapshot({ version: '9.6' }), 'version')).toEqual(['fail']);
    expect(statusOf(makeSnapshot({ primary: { cluster: null } }), 'version')).toEqual(['fail']);
  });

  it('primary: fails when stopped, in recovery, or without a known pg_hba file', () => {
    expect(statusOf(makeSnapshot({ primary: { cluster: { running: false } } }), 'primary-running')).toEqual(['fail']);
    expect(statusOf(makeSnapshot({ primary: { cluster: { inRecovery: true } } }), 'primary-not-in-recovery')).toEqual(['fail']);
    expect(statusOf(makeSnapshot({ primary: { cluster: { inRecovery: null } } }), 'primary-not-in-recovery')).toEqual(['fail']);
    expect(statusOf(makeSnapshot({ primary: { cluster: { hbaFile: null } } }), 'primary-hba-file')).toEqual(['fail']);
    expect(statusOf(makeSnapshot(), 'primary-running')).toEqual(['pass']);
  });

  it('replica cluster: fails when absent', () => {
    expect(statusOf(makeSnapshot({ replicas: [{ cluster: null }] }), 'replica-cluster')).toEqual(['fail']);
    expect(statusOf(makeSnapshot(), 'replica-cluster')).toEqual(['pass']);
  });

  it('passfile directory: fails when postgres cannot write beside the replica\'s data directory, says nothing when it can or it is unknown', () => {
    const refused = runPreflight(makeSnapshot({ replicas: [{ cluster: { dataDirectory: '/data/pg/17', parentWritable: false } }] }), makeOptions());
    expect(refused.canRun).toBe(false);
    expect(refused.checks.find((check) => check.id === 'replica-passfile-dir')).toMatchObject({
      host: 'db2', status: 'fail', message: expect.stringContaining('postgres cannot write in /data/pg,'), hint: expect.stringContaining('chown postgres /data/pg'),
    });
    for (const parentWritable of [true, null]) {
      expect(statusOf(makeSnapshot({ replicas: [{ cluster: { parentWritable } }] }), 'replica-passfile-dir')).toEqual([]);
    }
  });

  it('existing data: shows the move-aside path, warns on delete and on a replica that is already a standby', () => {
    const moved = runPreflight(makeSnapshot(), makeOptions()).checks.find((c) => c.id === 'replica-existing-data');
    expect(moved).toMatchObject({ status: 'pass', message: expect.stringContaining('/var/lib/postgresql/15/main.tandem-20261103T101500Z') });
    expect(statusOf(makeSnapshot(), 'replica-existing-data', makeOptions({ existingData: 'delete' }))).toEqual(['warn']);
    expect(statusOf(makeSnapshot({ replicas: [{ cluster: { inRecovery: true } }] }), 'replica-existing-data')).toEqual(['warn']);
  });

  it('disk: needs the primary size + 10 % + 1 GiB, warns when a size is unknown', () => {
    expect(requiredReplicaBytes(10 * GIB)).toBe(12 * GIB);
    const disk = (freeBytes: number) => makeSnapshot({ primary: { cluster: { databaseBytes: 10 * GIB } }, replicas: [{ cluster: { disk: { path: '/', totalBytes: 100 * GIB, freeBytes } } }] });
    expect(statusOf(disk(12 * GIB), 'disk')).toEqual(['pass']);
    expect(statusOf(disk(12 * GIB - 1), 'disk')).toEqual(['fail']);
    expect(statusOf(makeSnapshot({ primary: { cluster: { databaseBytes: null } } }), 'disk')).toEqual(['warn']);
    expect(statusOf(makeSnapshot({ replicas: [{ cluster: { disk: null } }] }), 'disk')).toEqual(['warn']);
  });

  it('reach: pg_isready 0 passes, 1 warns, 2 fails unless listen_addresses will change, 3 and not run fail', () => {
    const reach = (code: number | null, options = makeOptions(), listen = '*') =>
      statusOf(makeSnapshot({ primary: { cluster: { listenAddresses: listen } }, replicas: [{ probe: { pgIsReadyExitCode: code } }] }), 'reach-primary', options);
    expect(reach(0)).toEqual(['pass']);
    expect(reach(1)).toEqual(['warn']);
    expect(reach(2)).toEqual(['fail']);
    expect(reach(2, makeOptions({ setListenAddresses: true }), 'localhost')).toEqual(['warn']);
    expect(reach(3)).toEqual(['fail']);
    expect(reach(null)).toEqual(['fail']);
  });

  it('wal_level: passes replica and logical, warns minimal (the plan sets it)', () => {
    expect(statusOf(makeSnapshot({ primary: { cluster: { walLevel: 'logical' } } }), 'wal-level')).toEqual(['pass']);
    expect(statusOf(makeSnapshot({ primary: { cluster: { walLevel: 'minimal' } } }), 'wal-level')).toEqual(['warn']);
  });

  it('headroom: replicas + other users + one spare', () => {
    const probe = (maxWalSenders: number, maxReplicationSlots: number, extra = {}) => makeSnapshot({ replicas: 2, primary: { probe: { maxWalSenders, maxReplicationSlots, ...extra } } });
    expect(statusOf(probe(3, 3), 'max-wal-senders')).toEqual(['pass']);
    expect(statusOf(probe(2, 3), 'max-wal-senders')).toEqual(['warn']);
    expect(statusOf(probe(3, 3), 'max-replication-slots')).toEqual(['pass']);
    expect(statusOf(probe(3, 2), 'max-replication-slots')).toEqual(['warn']);
    expect(statusOf(probe(3, 3, { walSenderNames: ['pg_receivewal'], slotNames: ['backup'] }), 'max-wal-senders')).toEqual(['warn']);
    expect(statusOf(probe(3, 3, { walSenderNames: ['db2', 'db3'], slotNames: ['tandem_db2', 'tandem_db3'] }), 'max-replication-slots')).toEqual(['pass']);
    expect(statusOf(makeSnapshot({ primary: { probe: null } }), 'replication-headroom')).toEqual(['fail']);
  });

  it('listen_addresses: covered by *, 0.0.0.0 or the address; localhost alone fails unless Tandem may add it', () => {
    const listen = (value: string | null, options = makeOptions()) => statusOf(makeSnapshot({ primary: { cluster: { listenAddresses: value } } }), 'listen-addresses', options);
    expect(listen('*')).toEqual(['pass']);
    expect(listen('0.0.0.0')).toEqual(['pass']);
    expect(listen('localhost, 10.88.0.11')).toEqual(['pass']);
    expect(listen('localhost')).toEqual(['fail']);
    expect(listen('::')).toEqual(['fail']);
    expect(listen(null)).toEqual(['fail']);
    expect(listen('localhost', makeOptions({ setListenAddresses: true }))).toEqual(['warn']);
  });

  it('rewind readiness: passes with checksums or wal_log_hints, warns otherwise', () => {
    expect(statusOf(makeSnapshot({ primary: { cluster: { dataChecksums: true } } }), 'rewind-ready')).toEqual(['pass']);
    expect(statusOf(makeSnapshot({ primary: { cluster: { walLogHints: true } } }), 'rewind-ready')).toEqual(['pass']);
    expect(statusOf(makeSnapshot(), 'rewind-ready', makeOptions({ enableWalLogHints: false }))).toEqual(['warn']);
  });

  it('warns about fsync, full_page_writes and synchronous_commit off (seed 002), never copies them', () => {
    const snapshot = makeSnapshot({ primary: { probe: { fsync: 'off', fullPageWrites: 'off', synchronousCommit: 'off' } } });
    const result = runPreflight(snapshot, makeOptions());
    expect(['fsync', 'full-page-writes', 'synchronous-commit'].map((id) => result.checks.find((c) => c.id === id)?.status)).toEqual(['warn', 'warn', 'warn']);
    expect(result.canRun).toBe(true);
    expect(statusOf(makeSnapshot(), 'fsync')).toEqual(['pass']);
  });

  it('options: TLS passes whether or not ssl is on yet (Tandem issues the certificates), md5 warns, slots before 13 warn, sync with one replica warns', () => {
    expect(statusOf(makeSnapshot(), 'tls', makeOptions({ tls: true }))).toEqual(['pass']);
    expect(statusOf(makeSnapshot({ primary: { cluster: { ssl: false } } }), 'tls', makeOptions({ tls: true }))).toEqual(['pass']);
    expect(statusOf(makeSnapshot(), 'tls', makeOptions({ tls: false }))).toEqual([]);
    expect(statusOf(makeSnapshot(), 'password-method', makeOptions({ passwordMethod: 'md5' }))).toEqual(['warn']);
    expect(statusOf(makeSnapshot({ version: '12' }), 'slot-wal-bound')).toEqual(['warn']);
    expect(statusOf(makeSnapshot({ version: '13' }), 'slot-wal-bound')).toEqual([]);
    expect(statusOf(makeSnapshot(), 'sync-single', makeOptions({ mode: 'sync' }))).toEqual(['warn']);
    expect(statusOf(makeSnapshot({ replicas: 2 }), 'sync-single', makeOptions({ mode: 'sync' }))).toEqual([]);
  });

  it('replication role: a new role, or one with REPLICATION and without superuser, passes as today', () => {
    const role = (replicationRole: ExistingRole | null) => runPreflight(makeSnapshot({ primary: { probe: { replicationRole } } }), makeOptions()).checks.filter((c) => c.id === 'replication-role');
    expect(role(null)).toEqual([{ id: 'replication-role', host: 'db1', status: 'pass', hint: '', message: 'Role replicator does not exist yet: the plan creates it with LOGIN and REPLICATION and a generated password' }]);
    expect(role({ superuser: false, replication: true, canLogin: true })).toEqual([{
      id: 'replication-role', host: 'db1', status: 'pass', hint: '',
      message: 'Role replicator exists with REPLICATION: the plan sets a new generated password, so anything else that signs in as replicator needs it',
    }]);
    expect(role({ superuser: false, replication: true, canLogin: false })[0]?.message).toContain('the plan sets a new generated password and LOGIN');
  });

  it('replication role: refuses an existing superuser or a role without REPLICATION unless reuse is confirmed, then warns', () => {
    const superuser = makeSnapshot({ primary: { probe: { replicationRole: { superuser: true, replication: true, canLogin: true } } } });
    const plain = makeSnapshot({ primary: { probe: { replicationRole: { superuser: false, replication: false, canLogin: true } } } });
    const refused = runPreflight(superuser, makeOptions({ roleName: 'dba' }));
    expect(refused.canRun).toBe(false);
    expect(refused.checks.filter((c) => c.status === 'fail')).toEqual([{
      id: 'replication-role', host: 'db1', status: 'fail',
      message: 'Role dba exists and is a superuser: Tandem would change its password and use it for replication; choose another name, or confirm reuse',
      hint: 'Change the replication role name, or tick "Reuse the existing role" and run preflight again.',
    }]);
    expect(runPreflight(plain, makeOptions({ roleName: 'app' })).checks.find((c) => c.status === 'fail')?.message)
      .toBe('Role app exists without REPLICATION: Tandem would give it REPLICATION and LOGIN, change its password and use it for replication; choose another name, or confirm reuse');

    for (const snapshot of [superuser, plain]) {
      const confirmed = runPreflight(snapshot, makeOptions({ reuseExistingRole: true }));
      expect(confirmed.canRun).toBe(true);
      expect(confirmed.checks.find((c) => c.id === 'replication-role')).toMatchObject({ status: 'warn', message: expect.stringContaining('reused as confirmed') });
    }
  });

  it('names: a hostile value fails with its field, and preflight never throws on it', () => {
    const result = runPreflight(makeSnapshot({ replicas: [{ name: '$(reboot)' }] }), makeOptions({ roleName: 'x"; DROP ROLE postgres; --' }));
    const failures = result.checks.filter((c) => c.id === 'names').map((c) => c.message);
    expect(failures.some((m) => m.startsWith('roleName:'))).toBe(true);
    expect(failures.some((m) => m.startsWith('replicas[0].name:'))).toBe(true);
    expect(result.canRun).toBe(false);
  });
});

describe('runPreflight when a host\'s discovery failed', () => {
  const sudo = { code: 'sudo-needs-password', message: 'sudo on tdmlabpw@10.88.0.12:22 asks for a password; Tandem cannot type one.', hint: 'Allow the SSH user passwordless sudo (NOPASSWD) or log in as root.' };
  const rekeyed = { code: 'host-key-mismatch', message: 'The SSH host key of 10.88.0.12:22 changed: pinned SHA256:aaa, presented SHA256:bbb.', hint: 'If the server was reinstalled, replace the key on the host page.' };

  it('states the real cause first for that host and no check that depends on its missing facts', () => {
    for (const problem of [sudo, rekeyed]) {
      const result = runPreflight(makeSnapshot({ replicas: [{ name: 'pg4', discoveryProblem: problem }] }), makeOptions());
      const forHost = result.checks.filter((c) => c.host === 'pg4');
      expect(forHost).toEqual([{ id: 'ssh', host: 'pg4', status: 'fail', message: problem.message, hint: problem.hint }]);
      expect(result.checks.map((c) => c.message).join('\n')).not.toMatch(/\(none\)|No PostgreSQL cluster found|Major versions differ/);
      expect(result.canRun).toBe(false);
    }
  });

  it('names both fingerprints of a changed host key', () => {
    const result = runPreflight(makeSnapshot({ replicas: [{ name: 'pg4', discoveryProblem: rekeyed }] }), makeOptions());
    expect(result.checks[0]?.id).toBe('names');
    expect(result.checks.find((c) => c.host === 'pg4')?.message).toMatch(/pinned SHA256:aaa, presented SHA256:bbb/);
  });

  it('judges nothing on an undiscovered primary but its access', () => {
    const result = runPreflight(makeSnapshot({ primary: { discoveryProblem: sudo } }), makeOptions());
    expect(result.checks.filter((c) => c.host === 'db1' || c.id === 'version').map((c) => c.id)).toEqual(['ssh']);
    expect(result.checks.some((c) => c.id.startsWith('primary-'))).toBe(false);
  });
});
