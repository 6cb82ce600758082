import { describe, expect, it } from 'vitest';
import { sql } from '@/lib/pg/sql';
import { sh, type ShellCommand } from '@/lib/ssh/shell';
import { parseBasebackupProgress } from './basebackup-progress';
import type { RemoteExecOptions } from './engine/ports';
import type { ProgressReport, StepContext } from './engine/types';
import type { PlannedStep } from './plan-types';
import { passfileLines, toEngineStep } from './plan-step';

const secrets = { replicationPassword: 'pa:ss\\word', replicationPasswordVerifier: 'SCRAM-SHA-256$4096:abc' };

function fakeContext(files: Record<string, string> = {}) {
  const executed: { host: string; command: string; options?: RemoteExecOptions }[] = [];
  const queries: { host: string; sql: string; secret: Record<string, string> }[] = [];
  const progress: ProgressReport[] = [];
  const logs: string[] = [];
  const recorded: string[] = [];
  const ctx: StepContext = {
    signal: new AbortController().signal,
    clock: { now: () => new Date() },
    log: (line) => void logs.push(line),
    note: (line) => void logs.push(line),
    record: (command) => void recorded.push(command),
    progress: (report) => void progress.push(report),
    shell: {
      async exec(host: string, command: ShellCommand, options?: RemoteExecOptions) {
        executed.push({ host, command: command.text, ...(options ? { options } : {}) });
        if (command.text.startsWith('cat -- ')) return { code: 0, stdout: files[host] ?? '', stderr: '', durationMs: 1 };
        if (command.text.includes('sha256sum')) {
          files[host] = options?.stdin ?? '';
          return { code: 0, stdout: '', stderr: '', durationMs: 1 };
        }
        if (command.text.startsWith('pg_basebackup')) {
          options?.onLine?.('1024/4096 kB (25%), 0/1 tablespace', 'stderr');
          options?.onLine?.('4096/4096 kB (100%), 1/1 tablespace', 'stderr');
        }
        return { code: command.text === 'false' ? 1 : 0, stdout: '', stderr: command.text === 'false' ? 'it failed' : '', durationMs: 1 };
      },
    },
    pg: {
      async query(host, text, options) {
        queries.push({ host, sql: text, secret: { ...options?.secretParams } });
        return { columns: ['ok'], rows: [{ ok: text.includes('already') ? 't' : 'f' }], durationMs: 1 };
      },
    },
  };
  return { ctx, executed, queries, progress, logs, recorded, files };
}

const baseStep = (overrides: Partial<PlannedStep>): PlannedStep => ({
  id: 'x',
  title: 'Test step',
  host: 'pg1',
  phase: 'primary',
  why: 'because',
  check: { kind: 'never', reason: 'test' },
  actions: [],
  verify: { kind: 'all', of: [] },
  ...overrides,
});

describe('planned steps as engine steps', () => {
  it('checks through SQL and shell, with any/all', async () => {
    const { ctx } = fakeContext();
    const done = toEngineStep(baseStep({ check: { kind: 'sql', host: 'pg1', sql: sql`SELECT already AS ok`, params: {} } }), secrets);
    expect(await done.check(ctx)).toBe(true);
    const notDone = toEngineStep(baseStep({ check: { kind: 'all', of: [{ kind: 'shell', host: 'pg1', as: 'root', command: sh`true` }, { kind: 'shell', host: 'pg1', as: 'root', command: sh`false` }] } }), secrets);
    expect(await notDone.check(ctx)).toBe(false);
  });

  it('fills secret parameters at run time only, never in what it describes or records', async () => {
    const { ctx, queries, recorded } = fakeContext();
    const step = toEngineStep(baseStep({ actions: [{ kind: 'sql', host: 'pg1', sql: sql`ALTER ROLE r PASSWORD :'verifier'`, params: {}, secretParams: { verifier: 'replication-password-verifier' } }] }), secrets);
    await step.run(ctx);
    expect(queries[0]?.secret).toEqual({ verifier: secrets.replicationPasswordVerifier });
    const shown = [...step.describe().commands, ...recorded].join('\n');
    expect(shown).toContain('verifier=«secret»');
    expect(shown).not.toContain(secrets.replicationPasswordVerifier);
  });

  it('reports pg_basebackup progress in bytes and fails with the last error line', async () => {
    const { ctx, progress } = fakeContext();
    await toEngineStep(baseStep({ actions: [{ kind: 'shell', host: 'pg2', as: 'postgres', command: sh`pg_basebackup -P`, timeoutMs: 1000 }] }), secrets).run(ctx);
    expect(progress).toEqual([
      { done: 1024 * 1024, total: 4096 * 1024, label: 'pg_basebackup', unit: 'bytes' },
      { done: 4096 * 1024, total: 4096 * 1024, label: 'pg_basebackup', unit: 'bytes' },
    ]);
    const failing = toEngineStep(baseStep({ actions: [{ kind: 'shell', host: 'pg2', as: 'root', command: sh`false`, timeoutMs: 1000 }] }), secrets);
    await expect(failing.run(ctx)).rejects.toThrow('A command failed on pg2 (exit 1): it failed.');
  });

  it('edits pg_hba by read, transform and guarded write, and is idempotent', async () => {
    const { ctx, files, executed } = fakeContext({ pg1: '# comment\nlocal all postgres peer\n' });
    const step = toEngineStep(baseStep({ actions: [{ kind: 'hba-edit', host: 'pg1', file: '/etc/hba', marker: 'tandem:orders', lines: ['host replication replicator 10.0.0.2/32 scram-sha-256 # tandem:orders'] }] }), secrets);
    await step.run(ctx);
    expect(files.pg1).toBe('# comment\nhost replication replicator 10.0.0.2/32 scram-sha-256 # tandem:orders\nlocal all postgres peer\n');
    const writes = executed.filter((call) => call.command.includes('sha256sum')).length;
    await step.run(ctx);
    expect(executed.filter((call) => call.command.includes('sha256sum')).length).toBe(writes);
  });

  it('writes one .pgpass line per member, with : and \\ escaped', () => {
    const endpoints = [{ host: '10.0.0.1', port: 5432 }, { host: 'fd00::2', port: 5433 }];
    expect(passfileLines({ kind: 'replication-passfile', endpoints, role: 'replicator' }, secrets.replicationPassword)).toBe('10.0.0.1:5432:*:replicator:pa\\:ss\\\\word\nfd00\\:\\:2:5433:*:replicator:pa\\:ss\\\\word\n');
  });

  it('reads pg_basebackup -P lines and ignores others', () => {
    expect(parseBasebackupProgress('  20480/102400 kB (20%), 0/1 tablespace')).toEqual({ done: 20480 * 1024, total: 102400 * 1024 });
    expect(parseBasebackupProgress('pg_basebackup: checkpoint completed')).toBeNull();
  });
});
