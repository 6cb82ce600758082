import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { labSsh } from '@/lab/client';

const dataDir = mkdtempSync(path.join(tmpdir(), 'tandem-interrupt-'));
delete process.env.DATABASE_URL;
process.env.TANDEM_DATA_DIR = dataDir;
process.env.TANDEM_SECRET_KEY = '7'.repeat(64);
/** Short, so the killed child's lease expires within the test (the child inherits it). */
process.env.TANDEM_OPERATION_LEASE_SECONDS = '4';

async function until(what: string, probe: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('a Tandem process killed during pg_basebackup', () => {
  afterAll(async () => {
    const { getSshPool } = await import('@/lib/ssh/pool');
    getSshPool().closeAll();
  });

  it('leaves the operation interrupted, and Resume completes the setup', async () => {
    const fill = await labSsh('pg1', 'cd / && runuser -u postgres -- pgbench -i -s 8 -q postgres');
    expect(fill.code, fill.stderr).toBe(0);

    const env = { NODE_ENV: 'test' as const, ...Object.fromEntries(Object.entries(process.env).filter(([name]) => name === 'PATH' || name === 'HOME' || name.startsWith('TANDEM_'))) };
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'lib/setup/testing/setup-child.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await until('the child to start the setup', async () => /STARTED \d+/.test(output) || child.exitCode !== null, 120_000);
    const operationId = Number(/STARTED (\d+)/.exec(output)?.[1]);
    expect(operationId, output).toBeGreaterThan(0);
    await until('pg_basebackup on pg2', async () => (await labSsh('pg2', 'pgrep -x pg_basebackup')).code === 0, 60_000).catch((error: Error) => {
      child.kill('SIGKILL');
      throw new Error(`${error.message}; the child printed:\n${output}`);
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    const { startRunner, resumeStoredOperation, waitForOperation } = await import('@/lib/operations/runner');
    const { db } = await import('@/lib/db/client');
    await startRunner();
    const stored = async () => (await db()).operation.findUnique({ where: { id: operationId }, select: { status: true, outcome: true } });
    await until('the killed child\'s lease to expire', async () => (await stored())?.status === 'interrupted', 20_000);
    expect(await stored()).toEqual({ status: 'interrupted', outcome: expect.stringMatching(/^Tandem instance \S+#[0-9a-f]{4} stopped while this operation was running$/) });

    const claim = await resumeStoredOperation(operationId, { id: null, email: 'lab@example.com' });
    expect(claim).toMatchObject({ ok: true });
    const result = await waitForOperation(operationId);
    expect(result?.status, result?.outcome).toBe('succeeded');
    const streaming = await labSsh('pg1', `cd / && runuser -u postgres -- psql -XAtc "SELECT state FROM pg_stat_replication WHERE application_name = 'pg2'"`);
    expect(streaming.stdout.trim()).toBe('streaming');
    const rows = await (await db()).operationStep.findMany({ where: { operationId }, orderBy: { position: 'asc' }, select: { name: true, status: true } });
    expect(rows.filter((row) => row.status !== 'succeeded' && row.status !== 'skipped')).toEqual([]);
    expect((await labSsh('pg2', 'pgrep -x pg_basebackup')).code).toBe(1);
  }, 300_000);
});
