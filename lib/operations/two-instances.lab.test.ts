import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labSql } from '@/lab/client';
import { sql } from '@/lib/pg/sql';
import { startThrowawayPostgres } from './testing/throwaway-postgres';

/** Two Tandem processes (and this one) on one real PostgreSQL database, with a short lease. */
const tandemDb = startThrowawayPostgres(55_433);
process.env.DATABASE_URL = tandemDb.url;
process.env.TANDEM_SECRET_KEY = '5a'.repeat(32);
process.env.TANDEM_OPERATION_LEASE_SECONDS = '5';
process.env.TANDEM_INSTANCE_NAME = 'tandem-test';

const { db } = await import('@/lib/db/client');
const { labCluster } = await import('@/lib/failover/testing/promote-fixture');
const { getSshPool } = await import('@/lib/ssh/pool');

type Reply = { ok: true; operationId: number } | { ok: false; message: string };

/** One Tandem instance in its own process: lib/operations/testing/instance-child.ts. */
class Instance {
  readonly #child: ChildProcess;
  #output = '';
  readonly ready: Promise<string>;

  constructor(readonly name: string) {
    const env = { NODE_ENV: 'test' as const, ...Object.fromEntries(Object.entries(process.env).filter(([key]) => key === 'PATH' || key === 'HOME' || key === 'DATABASE_URL' || key.startsWith('TANDEM_'))), TANDEM_INSTANCE_NAME: name };
    this.#child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'lib/operations/testing/instance-child.ts'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.#child.stdout?.on('data', (chunk: Buffer) => (this.#output += chunk.toString()));
    this.#child.stderr?.on('data', (chunk: Buffer) => (this.#output += chunk.toString()));
    this.ready = this.#waitFor(/^READY (\S+)$/m, 60_000).then((match) => match[1] ?? '');
  }

  get output(): string {
    return this.#output;
  }

  async ask(request: Record<string, unknown>): Promise<Reply> {
    const before = this.#output.length;
    this.#child.stdin?.write(`${JSON.stringify(request)}\n`);
    const match = await this.#waitFor(/^REPLY (.+)$/m, 60_000, before);
    return JSON.parse(match[1] ?? 'null') as Reply;
  }

  get exited(): boolean {
    return this.#child.exitCode !== null || this.#child.signalCode !== null;
  }

  async kill(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise((resolve) => this.#child.once('exit', resolve));
    this.#child.kill('SIGKILL');
    await exited;
  }

  async #waitFor(pattern: RegExp, timeoutMs: number, from = 0): Promise<RegExpExecArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(this.#output.slice(from));
      if (match) return match;
      if (this.exited || Date.now() > deadline) throw new Error(`${this.name} did not print ${pattern}; it printed:\n${this.#output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const operation = async (id: number) => (await db()).operation.findUniqueOrThrow({
  where: { id },
  select: { status: true, outcome: true, runnerId: true, steps: { select: { name: true, status: true }, orderBy: { position: 'asc' } } },
});
const hookRunning = (id: number) => async () => (await operation(id)).steps.some((step) => step.name === 'Run the routing hooks' && step.status === 'running');
const ended = (id: number) => async () => {
  const row = await operation(id);
  return row.status === 'succeeded' || row.status === 'failed' || row.status === 'cancelled' ? row : null;
};

describe('two Tandem instances on one PostgreSQL database', () => {
  let clusterId = 0;
  const instances: Instance[] = [];
  /** The instances the second test goes on with: A, and B as restarted by the first. */
  let running: { a: Instance; b: Instance } | null = null;
  const start = (name: string) => {
    const instance = new Instance(name);
    instances.push(instance);
    return instance;
  };

  beforeAll(async () => {
    const cluster = await labCluster();
    clusterId = cluster.clusterId;
    // A routing hook that takes a while (as moving a virtual IP can), so the promotes below are caught mid-run.
    await (await db()).cluster.update({ where: { id: clusterId }, data: { routingHooks: [{ hostId: cluster.hostIds.pg3 ?? 0, command: 'sleep 8', timeoutMs: 60_000 }] } });
  }, 300_000);

  afterAll(async () => {
    try {
      await Promise.all(instances.map((instance) => instance.kill()));
      getSshPool().closeAll();
    } finally {
      tandemDb.stop();
    }
  });

  it('B restarting while A promotes leaves the promote to A, which completes it; B refuses to resume or cancel it, naming A', async () => {
    const a = start('tandem-a');
    let b = start('tandem-b');
    const [aId] = await Promise.all([a.ready, b.ready]);
    const started = await a.ask({ cmd: 'promote', clusterId, candidate: 'pg2', reason: 'lab: two instances, B restarts' });
    if (!started.ok) throw new Error(started.message);
    const id = started.operationId;
    await until('the promote to reach its routing hooks', hookRunning(id), 60_000);

    await b.kill();
    b = start('tandem-b');
    await b.ready;
    expect((await operation(id)).status).toBe('running');
    const refusal = expect.stringContaining(`running in Tandem instance ${aId}, which still holds its lease`);
    expect(await b.ask({ cmd: 'resume', id })).toEqual({ ok: false, message: refusal });
    expect(await b.ask({ cmd: 'cancel', id })).toEqual({ ok: false, message: refusal });

    const done = await until('the promote to end', ended(id), 90_000);
    expect(done.status, done.outcome ?? '').toBe('succeeded');
    expect(done.runnerId).toBe(aId);
    expect(done.steps.every((step) => step.status === 'succeeded' || step.status === 'skipped')).toBe(true);
    expect(await (await db()).auditEvent.count({ where: { action: 'operation.resume', targetId: String(id) } })).toBe(0);
    expect(b.output).not.toContain('[tandem] marked interrupted');
    expect(await labSql('pg2', sql`SELECT pg_is_in_recovery()`)).toBe('f');
    running = { a, b };
  }, 240_000);

  it('A killed mid-promote: B shows it interrupted only once A’s lease has expired, and B’s resume completes it', async () => {
    if (!running) throw new Error('the first test did not leave both instances running');
    const { a, b } = running;
    const [aId, bId] = await Promise.all([a.ready, b.ready]);
    const started = await a.ask({ cmd: 'promote', clusterId, candidate: 'pg3', reason: 'lab: two instances, A is killed' });
    if (!started.ok) throw new Error(started.message);
    const id = started.operationId;
    await until('the promote to reach its routing hooks', hookRunning(id), 60_000);

    await a.kill();
    const killedAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await operation(id)).status, 'A’s lease is still live one second after it was killed').toBe('running');
    await until('B to mark the promote interrupted', async () => (await operation(id)).status === 'interrupted', 20_000);
    const waited = Date.now() - killedAt;
    // The lease is 5 s, renewed every 5/3 s: it ends between 3.3 s and 5 s after A's last renewal.
    expect(waited).toBeGreaterThan(3_000);
    expect((await operation(id)).outcome).toBe(`Tandem instance ${aId} stopped while this operation was running`);

    expect(await b.ask({ cmd: 'resume', id })).toEqual({ ok: true, operationId: id });
    const done = await until('the resumed promote to end', ended(id), 90_000);
    expect(done.status, done.outcome ?? '').toBe('succeeded');
    expect(done.runnerId).toBe(bId);
    expect(await labSql('pg3', sql`SELECT pg_is_in_recovery()`)).toBe('f');
  }, 240_000);
});
