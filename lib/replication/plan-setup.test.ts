import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isShellCommand } from '@/lib/ssh/shell';
import { makeOptions, makeSnapshot } from './make-snapshot';
import { planAddReplica, planSetup } from './plan-setup';
import { planText, shellTexts, stepById, stepTexts } from './plan-test-helpers';
import type { Action, SetupPlan } from './plan-types';
import type { SetupOptions, SetupSnapshot } from './setup-types';

function plan(snapshot: SetupSnapshot = makeSnapshot(), options: Partial<SetupOptions> = {}): SetupPlan {
  const result = planSetup(snapshot, makeOptions(options));
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.plan;
}

function hbaLines(p: SetupPlan, id: string): readonly string[] {
  const edit = stepById(p, id).actions.find((a): a is Extract<Action, { kind: 'hba-edit' }> => a.kind === 'hba-edit');
  return edit?.lines ?? [];
}

describe('planSetup defaults (PG 15, async, slots, scram, no TLS, move aside)', () => {
  const p = plan();

  it('orders the steps: primary, replica, verify', () => {
    expect(p.steps.map((s) => s.id)).toEqual([
      'primary-settings', 'primary-restart', 'primary-hba', 'primary-role', 'primary-slot-tandem_db2', 'primary-canary-table',
      'monitor-role', 'monitor-heartbeat', 'monitor-hba-db1',
      'replica-db2-reach', 'replica-db2-passfile', 'replica-db2-login', 'replica-db2-stop', 'replica-db2-clear', 'replica-db2-base-backup',
      'replica-db2-configure', 'replica-db2-start', 'replica-db2-hba', 'monitor-hba-db2', 'verify-db2-streaming', 'verify-canary',
    ]);
  });

  it('sets settings with ALTER SYSTEM, values only as psql variables, and never copies fsync or synchronous_commit', () => {
    const settings = stepById(p, 'primary-settings');
    const [action] = settings.actions;
    expect(action).toMatchObject({ kind: 'sql', params: { set_max_slot_wal_keep_size: '10GB', set_wal_log_hints: 'on' } });
    expect(action?.kind === 'sql' && action.sql).toBe("ALTER SYSTEM SET max_slot_wal_keep_size = :'set_max_slot_wal_keep_size';\nALTER SYSTEM SET wal_log_hints = :'set_wal_log_hints';\nSELECT pg_reload_conf();");
    expect(planText(p)).not.toMatch(/fsync|synchronous_commit|full_page_writes/);
  });

  it('restarts only when a Tandem postmaster setting is pending, with the host\'s control method', () => {
    const restart = stepById(p, 'primary-restart').actions.find((a) => a.kind === 'shell-if');
    expect(restart?.kind === 'shell-if' && restart.command.text).toBe("systemctl restart -- 'postgresql@15-main'");
    expect(restart?.kind === 'shell-if' && restart.when.kind === 'sql' && restart.when.sql).toContain("pending_restart AND name IN ('wal_log_hints')");
    expect(stepById(p, 'primary-restart').actions[0]).toMatchObject({ kind: 'sql', sql: 'SELECT pg_reload_conf();' });
  });

  it('adds one marked host line per replica to the primary\'s pg_hba and proves it through pg_hba_file_rules', () => {
    expect(hbaLines(p, 'primary-hba')).toEqual(['host\treplication\treplicator\t10.88.0.12/32\tscram-sha-256\t# tandem:orders']);
    const check = stepById(p, 'primary-hba').check;
    expect(check.kind === 'sql' && check.sql).toContain('pg_hba_file_rules WHERE error IS NOT NULL');
    expect(check).toMatchObject({ params: { hba_type: 'host', hba_method: 'scram-sha-256', hba_addresses: '10.88.0.12', hba_count: '1' } });
  });

  it('creates or updates the role with a verifier in a secret psql variable, never a password in the text', () => {
    const [action] = stepById(p, 'primary-role').actions;
    expect(action).toMatchObject({ kind: 'sql', secretParams: { password_verifier: 'replication-password-verifier' } });
    expect(action?.kind === 'sql' && action.sql).toContain(`CREATE ROLE "replicator" WITH LOGIN REPLICATION NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'password_verifier';`);
    expect(planText(p)).not.toMatch(/password=/i);
  });

  it('creates the slot only if missing, reserving WAL', () => {
    const [action] = stepById(p, 'primary-slot-tandem_db2').actions;
    expect(action).toMatchObject({ kind: 'sql', params: { slot_name: 'tandem_db2' } });
    expect(action?.kind === 'sql' && action.sql).toContain("pg_create_physical_replication_slot(:'slot_name', true) WHERE NOT EXISTS");
  });

  it('moves the data directory aside, recreates it 0700 postgres, never rm -rf', () => {
    const [clear] = shellTexts(stepById(p, 'replica-db2-clear'));
    expect(clear).toContain("mv -- '/var/lib/postgresql/15/main' '/var/lib/postgresql/15/main.tandem-20261103T101500Z'");
    expect(clear).toContain("install -d -o postgres -g postgres -m 0700 -- '/var/lib/postgresql/15/main'");
    expect(clear).toContain('mountpoint -q --');
    expect(planText(p)).not.toContain('rm -rf');
  });

  it('runs pg_basebackup as postgres with a passfile, -R, stream, slot, fast checkpoint and the application name', () => {
    const step = stepById(p, 'replica-db2-base-backup');
    expect(step.actions[0]).toMatchObject({ kind: 'shell', as: 'postgres' });
    const [command] = shellTexts(step);
    expect(command).toBe(
      "PGPASSFILE='/var/lib/postgresql/15/tandem-orders.pgpass' PATH='/usr/lib/postgresql/15/bin':\"$PATH\" pg_basebackup -h '10.88.0.11' -p '5432' -U 'replicator' -D '/var/lib/postgresql/15/main' -R -X stream -S 'tandem_db2' --checkpoint=fast -P -w -d 'application_name='\\''db2'\\'' sslmode='\\''prefer'\\'''",
    );
  });

  it('writes the passfile from stdin, 0600, naming each member and no other server, never with the password in the command', () => {
    const step = stepById(p, 'replica-db2-passfile');
    expect(step.actions[0]).toMatchObject({ kind: 'shell', as: 'postgres', stdin: { kind: 'replication-passfile', endpoints: [{ host: '10.88.0.11', port: 5432 }, { host: '10.88.0.12', port: 5432 }], role: 'replicator' } });
    expect(shellTexts(step)[0]).toContain('umask 077');
  });

  it('proves the replication login before stopping the replica', () => {
    const ids = p.steps.map((s) => s.id);
    expect(ids.indexOf('replica-db2-login')).toBeLessThan(ids.indexOf('replica-db2-stop'));
    const login = stepById(p, 'replica-db2-login').check;
    expect(login.kind === 'shell' && login.command.text).toContain("-c 'IDENTIFY_SYSTEM'");
  });

  it('never stops or clears a replica whose clone is done (resume safety)', () => {
    for (const id of ['replica-db2-stop', 'replica-db2-clear']) {
      const check = stepById(p, id).check;
      expect(check.kind).toBe('any');
      expect(check.kind === 'any' && check.of[0]?.kind === 'shell' && check.of[0].command.text).toContain("grep -Eq -- 'application_name=('\\'''\\'')?db2('\\'''\\'')?([ '\\'']|$)'");
    }
  });

  it('knows the clone by its application name as pg_basebackup -R writes it and as a quoted conninfo value, and by no other name', () => {
    const check = stepById(p, 'replica-db2-stop').check;
    const text = check.kind === 'any' && check.of[0]?.kind === 'shell' ? check.of[0].command.text : '';
    const grep = /grep -Eq -- ('(?:[^']|'\\'')*')/.exec(text)?.[1] ?? '';
    const matches = (line: string) => spawnSync('sh', ['-c', `printf '%s\\n' "$1" | grep -Eq -- ${grep}`, 'sh', line]).status === 0;
    expect(matches("primary_conninfo = 'user=replicator host=10.0.0.1 application_name=db2 sslmode=prefer'")).toBe(true);
    expect(matches("primary_conninfo = 'user=''replicator'' host=''10.0.0.1'' application_name=''db2'''")).toBe(true);
    expect(matches("primary_conninfo = 'user=replicator application_name=db20'")).toBe(false);
    expect(matches("primary_conninfo = 'user=replicator application_name=''db20'''")).toBe(false);
  });

  it('adds standby settings, including the replica\'s own listen_addresses, and starts it', () => {
    expect(stepById(p, 'replica-db2-configure').config).toEqual([{
      host: 'db2',
      file: '/var/lib/postgresql/15/main/postgresql.auto.conf',
      lines: ["listen_addresses = '*'", "hot_standby = 'on'", "hot_standby_feedback = 'on'", "wal_receiver_status_interval = '1s'"],
    }]);
    expect(shellTexts(stepById(p, 'replica-db2-start'))).toEqual(["systemctl start -- 'postgresql@15-main'"]);
  });

  it('verifies streaming on both sides and reads a canary on every replica', () => {
    const streaming = stepTexts(stepById(p, 'verify-db2-streaming')).join('\n');
    expect(streaming).toContain("pg_stat_replication WHERE application_name = :'application_name' AND state = 'streaming'");
    expect(streaming).toContain("pg_stat_wal_receiver WHERE status = 'streaming' AND slot_name = :'slot_name'");
    const canary = stepById(p, 'verify-canary');
    expect(canary.actions.map((a) => a.kind)).toEqual(['sql', 'wait']);
    expect(canary.actions[1]).toMatchObject({ kind: 'wait', measure: 'canary delay to db2', until: { host: 'db2', params: { canary_token: 'tok_0123456789' } } });
  });

  it('every step has checks, unique ids, and only branded shell commands', () => {
    expect(new Set(p.steps.map((s) => s.id)).size).toBe(p.steps.length);
    for (const step of p.steps) {
      for (const action of step.actions) if (action.kind === 'shell' || action.kind === 'shell-if') expect(isShellCommand(action.command)).toBe(true);
    }
  });

  it('is deterministic', () => {
    expect(JSON.stringify(plan())).toBe(JSON.stringify(p));
  });
});

describe('planSetup options', () => {
  it('slots off: no slot steps, no -S, wal_keep_size instead of max_slot_wal_keep_size', () => {
    const p = plan(makeSnapshot(), { slots: false });
    expect(p.steps.some((s) => s.id.startsWith('primary-slot'))).toBe(false);
    expect(shellTexts(stepById(p, 'replica-db2-base-backup'))[0]).not.toContain(' -S ');
    expect(stepById(p, 'primary-settings').actions[0]).toMatchObject({ params: { set_wal_keep_size: '1GB' } });
    expect(planText(p)).not.toContain('max_slot_wal_keep_size');
    expect(stepTexts(stepById(p, 'verify-db2-streaming')).join('\n')).not.toContain('slot_name');
  });

  it('sync: ANY 1 over the application names, switched on after streaming and before the canary', () => {
    const p = plan(makeSnapshot({ replicas: [{ name: 'db2' }, { name: 'db-3.lan' }] }), { mode: 'sync' });
    const ids = p.steps.map((s) => s.id);
    expect(ids.slice(-4)).toEqual(['verify-db2-streaming', 'verify-db_3_lan-streaming', 'primary-synchronous', 'verify-canary']);
    expect(stepById(p, 'primary-synchronous').actions[0]).toMatchObject({ params: { set_synchronous_standby_names: 'ANY 1 ("db2", "db_3_lan")' } });
    expect(planText(plan())).not.toContain('synchronous_standby_names');
  });

  it('TLS: certificates from Tandem\'s CA before ssl goes on and before the login proof; verify-full with channel binding', () => {
    const p = plan(makeSnapshot(), { tls: true });
    const ids = p.steps.map((s) => s.id);
    expect(ids.indexOf('primary-certificate')).toBeLessThan(ids.indexOf('primary-tls'));
    expect(ids.indexOf('replica-db2-certificate')).toBeLessThan(ids.indexOf('replica-db2-login'));
    expect(stepById(p, 'primary-certificate').actions).toEqual([{ kind: 'issue-certificate', host: 'db1', clusterName: 'orders', addresses: ['10.88.0.11'], dnsNames: ['db1'] }]);
    expect(stepById(p, 'primary-tls').actions[0]).toMatchObject({ params: { set_ssl: 'on', set_ssl_cert_file: '/etc/tandem/tls/orders/server.crt', set_ssl_ca_file: '/etc/tandem/tls/orders/ca.crt' } });
    expect(hbaLines(p, 'primary-hba')[0]).toMatch(/^hostssl\treplication/);
    const clone = shellTexts(stepById(p, 'replica-db2-base-backup'))[0];
    for (const option of ["sslmode='\\''verify-full'\\''", "sslrootcert='\\''/etc/tandem/tls/orders/ca.crt'\\''", "channel_binding='\\''require'\\''"]) expect(clone).toContain(option);
    expect(clone).not.toContain('require_auth');
    const login = stepById(p, 'replica-db2-login').check;
    expect(login.kind === 'shell' && login.command.text).toContain("sslmode='\\''verify-full'\\''");
    expect(planText(plan())).not.toMatch(/sslrootcert|ssl_cert_file/);
  });

  it('delete: empties the directory in place (mount points survive), no move', () => {
    const [clear] = shellTexts(stepById(plan(makeSnapshot(), { existingData: 'delete' }), 'replica-db2-clear'));
    expect(clear).toContain("find '/var/lib/postgresql/15/main' -mindepth 1 -delete");
    expect(clear).not.toContain('mv --');
  });

  it('md5: md5 method in pg_hba lines and checks', () => {
    const p = plan(makeSnapshot(), { passwordMethod: 'md5' });
    expect(hbaLines(p, 'primary-hba')[0]).toContain('\tmd5\t');
    expect(stepById(p, 'primary-hba').check).toMatchObject({ params: { hba_method: 'md5' } });
    expect(p.notes.some((n) => n.includes('md5'))).toBe(true);
  });

  it('listen_addresses: added only when allowed and not covered', () => {
    const p = plan(makeSnapshot({ primary: { cluster: { listenAddresses: 'localhost' } } }), { setListenAddresses: true });
    expect(stepById(p, 'primary-settings').actions[0]).toMatchObject({ params: { set_listen_addresses: 'localhost,10.88.0.11' } });
    expect(planText(plan())).not.toContain('set_listen_addresses');
  });

  it('raises max_wal_senders and max_replication_slots to replicas + others + 1, and wal_level to replica', () => {
    const snapshot = makeSnapshot({ replicas: 2, primary: { cluster: { walLevel: 'minimal' }, probe: { maxWalSenders: 2, maxReplicationSlots: 2, slotNames: ['backup'] } } });
    expect(stepById(plan(snapshot), 'primary-settings').actions[0]).toMatchObject({ params: { set_wal_level: 'replica', set_max_wal_senders: '3', set_max_replication_slots: '4' } });
  });

  it('no setting to change: no settings or restart step', () => {
    const p = plan(makeSnapshot({ version: '12', primary: { cluster: { dataChecksums: true } } }));
    expect(p.steps.some((s) => s.id === 'primary-settings' || s.id === 'primary-restart')).toBe(false);
  });

  it('replica pg_hba: each replica admits the primary and the other replicas, for a later role reversal', () => {
    const p = plan(makeSnapshot({ replicas: 2 }));
    expect(hbaLines(p, 'replica-db2-hba').map((l) => l.split('\t')[3])).toEqual(['10.88.0.11/32', '10.88.0.13/32']);
    expect(hbaLines(p, 'replica-db3-hba').map((l) => l.split('\t')[3])).toEqual(['10.88.0.11/32', '10.88.0.12/32']);
  });

  it.each([
    [{ kind: 'pg_ctlcluster', version: '15', name: 'main' } as const, "pg_ctlcluster '15' 'main' restart", "pg_ctlcluster '15' 'main' stop -m fast", 'root'],
    [{ kind: 'pg_ctl', dataDirectory: '/srv/pg' } as const, "pg_ctl -D '/srv/pg' -l '/srv/pg/tandem-pg_ctl.log' -w restart -m fast", "pg_ctl -D '/srv/pg' -w stop -m fast", 'postgres'],
  ])('control method %o', (control, restart, stop, as) => {
    const p = plan(makeSnapshot({ primary: { cluster: { control } }, replicas: [{ cluster: { control } }] }));
    expect(stepById(p, 'primary-restart').actions[1]).toMatchObject({ kind: 'shell-if', as, command: { text: restart } });
    expect(stepById(p, 'replica-db2-stop').actions[0]).toMatchObject({ as, command: { text: stop } });
  });
});

describe('planAddReplica', () => {
  const snapshot = makeSnapshot({ replicas: 2, primary: { probe: { walSenderNames: ['db2'], slotNames: ['tandem_db2'] } } });

  it('clones only the new replica, keeps the password, and covers every replica in pg_hba and sync names', () => {
    const result = planAddReplica(snapshot, makeOptions({ mode: 'sync' }), 'db3');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const ids = result.plan.steps.map((s) => s.id);
    expect(result.plan.kind).toBe('add-replica');
    // The existing replica is only given the new member in its passfile and pg_hba: never stopped or cloned.
    expect(ids.filter((id) => id.startsWith('replica-db2'))).toEqual(['replica-db2-passfile', 'replica-db2-hba']);
    expect(stepById(result.plan, 'replica-db2-passfile').actions[0]).toMatchObject({ stdin: { endpoints: [{ host: '10.88.0.11', port: 5432 }, { host: '10.88.0.12', port: 5432 }, { host: '10.88.0.13', port: 5432 }] } });
    expect(ids).toContain('replica-db3-base-backup');
    expect(ids.filter((id) => id.startsWith('primary-slot'))).toEqual(['primary-slot-tandem_db3']);
    expect(stepById(result.plan, 'primary-role').actions).toEqual([]);
    expect(planText(result.plan)).not.toContain('CREATE ROLE');
    expect(hbaLines(result.plan, 'primary-hba')).toHaveLength(2);
    expect(hbaLines(result.plan, 'replica-db2-hba').map((l) => l.split('\t')[3])).toEqual(['10.88.0.11/32', '10.88.0.13/32']);
    expect(stepById(result.plan, 'primary-synchronous').actions[0]).toMatchObject({ params: { set_synchronous_standby_names: 'ANY 1 ("db2", "db3")' } });
    expect(ids.filter((id) => id.startsWith('verify-') && id.endsWith('-streaming'))).toEqual(['verify-db3-streaming']);
  });

  it('refuses a replica that is not in the snapshot', () => {
    const result = planAddReplica(snapshot, makeOptions(), 'db9');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.field).toBe('newReplicaName');
  });
});
