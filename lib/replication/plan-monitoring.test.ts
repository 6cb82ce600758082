import { describe, expect, it } from 'vitest';
import type { ShellCommand } from '@/lib/ssh/shell';
import type { RemoteExecOptions } from './engine/ports';
import type { StepContext } from './engine/types';
import { makeOptions, makeSnapshot } from './make-snapshot';
import { applyHbaLines } from './hba';
import { heartbeatTableStep, monitoringSteps, monitorRoleStep, MONITOR_ROLE } from './plan-monitoring';
import { planAddReplica } from './plan-setup';
import { describePlannedStep, toEngineStep } from './plan-step';

const secrets = { replicationPassword: 'x', replicationPasswordVerifier: 'SCRAM-SHA-256$4096:repl', monitorPasswordVerifier: 'SCRAM-SHA-256$4096:mon' };

function fakeContext(sshClient: string, hba = 'local all postgres peer\n') {
  const files: Record<string, string> = { pg1: hba };
  const recorded: string[] = [];
  const queries: { sql: string; params: Record<string, string>; secret: Record<string, string> }[] = [];
  const ctx: StepContext = {
    signal: new AbortController().signal,
    clock: { now: () => new Date() },
    log: () => undefined,
    note: () => undefined,
    record: (command) => void recorded.push(command),
    progress: () => undefined,
    shell: {
      async exec(host: string, command: ShellCommand, options?: RemoteExecOptions) {
        if (command.text.includes('SSH_CLIENT')) return { code: 0, stdout: `${sshClient}\n`, stderr: '', durationMs: 1 };
        if (command.text.startsWith('cat -- ')) return { code: 0, stdout: files[host] ?? '', stderr: '', durationMs: 1 };
        if (command.text.includes('sha256sum')) files[host] = options?.stdin ?? '';
        return { code: 0, stdout: '', stderr: '', durationMs: 1 };
      },
    },
    pg: {
      async query(_host, sql, options) {
        queries.push({ sql, params: { ...options?.params }, secret: { ...options?.secretParams } });
        return { columns: ['ok'], rows: [{ ok: 't' }], durationMs: 1 };
      },
    },
  };
  return { ctx, files, recorded, queries };
}

const input = { clusterName: 'orders', tls: false, primary: 'pg1', members: [{ name: 'pg1', hbaFile: '/etc/hba', phase: 'primary' as const, viaTunnel: false }, { name: 'pg2', hbaFile: null, phase: 'replica' as const, viaTunnel: false }] };

describe('monitoring plan steps', () => {
  it('creates a pg_monitor login without superuser or replication, sending only the verifier', async () => {
    const { ctx, queries } = fakeContext('10.88.0.1');
    await toEngineStep(monitorRoleStep('pg1'), secrets).run(ctx);
    expect(queries[0]?.sql).toMatch(/CREATE ROLE "tandem_monitor" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'monitor_password_verifier'/);
    expect(queries[0]?.sql).toMatch(/GRANT pg_monitor TO "tandem_monitor"/);
    expect(queries[0]?.secret).toEqual({ monitor_password_verifier: 'SCRAM-SHA-256$4096:mon' });
    expect(describePlannedStep(monitorRoleStep('pg1')).join('\n')).not.toContain('SCRAM-SHA-256$4096:mon');
  });

  it('grants the role the heartbeat table only', () => {
    const sql = heartbeatTableStep('pg1').actions.map((action) => (action.kind === 'sql' ? action.sql : '')).join('\n');
    expect(sql).toContain('GRANT SELECT, INSERT, UPDATE ON tandem.heartbeat TO "tandem_monitor"');
    expect(sql).toContain('GRANT USAGE ON SCHEMA tandem TO "tandem_monitor"');
    expect(sql).not.toMatch(/canary|ALL TABLES/);
  });

  it('admits the role from $SSH_CLIENT\'s address above the first rule, once, under its own marker', async () => {
    const steps = monitoringSteps(input);
    expect(steps.map((step) => step.id)).toEqual(['monitor-role', 'monitor-heartbeat', 'monitor-hba-pg1']);
    const { ctx, files, recorded, queries } = fakeContext('10.88.0.1 51234 22', 'host replication replicator 10.88.0.12/32 scram-sha-256 # tandem:orders\nlocal all postgres peer\n');
    const hba = toEngineStep(steps[2]!, secrets);
    await hba.run(ctx);
    await hba.run(ctx);
    expect(files.pg1).toBe(`host replication replicator 10.88.0.12/32 scram-sha-256 # tandem:orders\nhost\tpostgres\t${MONITOR_ROLE}\t10.88.0.1/32\tscram-sha-256\t# tandem-monitor:orders\nlocal all postgres peer\n`);
    expect(recorded.join('\n')).toContain('10.88.0.1/32');
    expect(await hba.check(ctx)).toBe(true);
    expect(queries.at(-1)?.params).toEqual({ hba_type: 'host', role_name: MONITOR_ROLE, hba_addresses: '10.88.0.1', hba_count: '1' });
    expect(describePlannedStep(steps[2]!).join('\n')).toContain("<Tandem's address from $SSH_CLIENT>/32");
  });

  it('admits the role over TLS only (hostssl) when the members hold certificates from Tandem\'s CA', async () => {
    const step = monitoringSteps({ ...input, tls: true })[2]!;
    const { ctx, files, queries } = fakeContext('10.88.0.1 51234 22', 'local all postgres peer\n');
    await toEngineStep(step, secrets).run(ctx);
    expect(files.pg1).toContain(`hostssl\tpostgres\t${MONITOR_ROLE}\t10.88.0.1/32\tscram-sha-256\t# tandem-monitor:orders`);
    expect(files.pg1).not.toMatch(/^host\t/m);
    await toEngineStep(step, secrets).check(ctx);
    expect(queries.at(-1)?.params).toMatchObject({ hba_type: 'hostssl' });
  });

  it('adds loopback for a host reached through an SSH tunnel, and refuses an unreadable address', async () => {
    const tunnel = monitoringSteps({ ...input, members: [{ name: 'pg1', hbaFile: '/etc/hba', phase: 'primary', viaTunnel: true }] })[2]!;
    const { ctx, files } = fakeContext('::ffff:10.88.0.1 51234 22');
    await toEngineStep(tunnel, secrets).run(ctx);
    expect(files.pg1).toMatch(/10\.88\.0\.1\/32.*\n.*127\.0\.0\.1\/32/);
    await expect(toEngineStep(tunnel, secrets).run(fakeContext('').ctx)).rejects.toThrow(/Could not read Tandem's address/);
  });

  it('gives replicas added later the pg_hba line on every member but does not touch the role', () => {
    const snapshot = makeSnapshot({ replicas: 2, primary: { probe: { walSenderNames: ['db2'], slotNames: ['tandem_db2'] } } });
    const result = planAddReplica(snapshot, makeOptions(), 'db3');
    if (!result.ok) throw new Error('plan failed');
    const ids = result.plan.steps.map((step) => step.id);
    expect(ids.filter((id) => id.startsWith('monitor-'))).toEqual(['monitor-hba-db1', 'monitor-hba-db2', 'monitor-hba-db3']);
  });

  it('keeps Tandem\'s replication lines and its monitoring lines both above the DBA\'s rules, whichever is written again', () => {
    const repl = ['host\treplication\treplicator\t10.88.0.12/32\tscram-sha-256\t# tandem:orders'];
    const monitor = ['host\tpostgres\ttandem_monitor\t10.88.0.1/32\tscram-sha-256\t# tandem-monitor:orders'];
    const dba = 'local all postgres peer\n';
    const both = applyHbaLines(applyHbaLines(dba, repl, 'tandem:orders'), monitor, 'tandem-monitor:orders', { belowReplicationLines: true });
    expect(both).toBe(`${repl[0]}\n${monitor[0]}\n${dba}`);
    expect(applyHbaLines(both, repl, 'tandem:orders')).toBe(both);
    expect(applyHbaLines(both, monitor, 'tandem-monitor:orders', { belowReplicationLines: true })).toBe(both);
    const monitorFirst = applyHbaLines(dba, monitor, 'tandem-monitor:orders', { belowReplicationLines: true });
    expect(applyHbaLines(monitorFirst, repl, 'tandem:orders')).toBe(both);
  });
});
