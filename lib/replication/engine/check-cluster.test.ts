import { describe, expect, it } from 'vitest';
import { checkClusterSteps } from './check-cluster';
import { MemoryOperationStore } from './memory-store';
import type { PgProbe, RemoteShell } from './ports';
import { runOperation } from './run-operation';

const clock = { now: () => new Date() };

function ports(down: Set<string>) {
  const executed: string[] = [];
  const shell: RemoteShell = {
    exec: async (host, command, options) => {
      executed.push(`${host}:${options?.as ?? 'login'}:${command.text}`);
      return { code: 0, stdout: '', stderr: '', durationMs: 1 };
    },
  };
  const pg: PgProbe = {
    query: async (host) => {
      if (down.has(host)) throw Object.assign(new Error(`PostgreSQL is not running on ${host}, or not on that port.`), { hint: 'Start it.' });
      return { columns: ['ok', 'in_recovery'], rows: [{ ok: '1', in_recovery: host === 'pg1' ? 'f' : 't' }], durationMs: 3 };
    },
  };
  return { executed, ports: { shell, pg } };
}

const hosts = [
  { name: 'pg2', role: 'replica' as const },
  { name: 'pg1', role: 'primary' as const },
  { name: 'pg3', role: 'replica' as const },
];

describe('check-cluster steps', () => {
  it('check SSH then PostgreSQL on each host, primary first', async () => {
    const steps = checkClusterSteps(hosts);
    expect(steps.map((step) => step.name)).toEqual([
      'SSH reaches pg1 as postgres', 'PostgreSQL answers on pg1',
      'SSH reaches pg2 as postgres', 'PostgreSQL answers on pg2',
      'SSH reaches pg3 as postgres', 'PostgreSQL answers on pg3',
    ]);
    const store = new MemoryOperationStore();
    store.create(1, steps.length);
    const fake = ports(new Set());
    const result = await runOperation({ id: 1 }, steps, store, clock, new AbortController().signal, { ports: fake.ports });
    expect(result.status).toBe('succeeded');
    expect(fake.executed).toEqual(['pg1:postgres:true', 'pg2:postgres:true', 'pg3:postgres:true']);
    expect(store.get(1).steps[1]?.outcome).toBe('PostgreSQL on pg1 answered; it is a primary (not in recovery).');
  });

  it('fail at the host whose PostgreSQL is down, with the reason', async () => {
    const steps = checkClusterSteps(hosts);
    const store = new MemoryOperationStore();
    store.create(1, steps.length);
    const result = await runOperation({ id: 1 }, steps, store, clock, new AbortController().signal, { ports: ports(new Set(['pg2'])).ports });
    expect(result).toEqual({ status: 'failed', outcome: 'Failed at step 4 “PostgreSQL answers on pg2” on pg2: PostgreSQL is not running on pg2, or not on that port.' });
    expect(store.get(1).steps.map((step) => step.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'failed', 'pending', 'pending']);
  });
});
