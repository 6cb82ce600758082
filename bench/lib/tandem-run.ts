/**
 * One Tandem setup of pg1 → pg2 through the engine, in a fresh in-memory database, against
 * the lab as it is now (the caller prepared it). Runs in its own process so each run starts
 * from an empty database and SSH pool: node --conditions=react-server --import tsx.
 * Prints one line `BENCH_RESULT {json}` (see TandemRunResult); BENCH_RUNBOOK_OUT=file also
 * writes the runbook Tandem would show for this plan.
 */
import { writeFileSync } from 'node:fs';
import type { TandemRunResult } from './types';
import { setupKind } from '@/lib/operations/setup/kind';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY ??= 'b'.repeat(64);

const { db } = await import('@/lib/db/client');
const runner = await import('@/lib/operations/runner');
const { labSetupForm, registerLabHosts } = await import('@/lib/setup/testing/lab-fixture');
const { prepareSetup } = await import('@/lib/setup/prepare-setup');
const { createClusterRecord } = await import('@/lib/setup/create-cluster-record');
const { getSshPool } = await import('@/lib/ssh/pool');

const actor = { id: null, email: 'bench@example.com', clientAddress: null };

async function main(): Promise<TandemRunResult> {
  const ids = await registerLabHosts(['pg1', 'pg2']);
  const form = labSetupForm(ids.pg1 ?? 0, [ids.pg2 ?? 0], { clusterName: 'bench' });
  const prepStart = performance.now();
  const prepared = await prepareSetup(form);
  if (!prepared.ok) throw new Error(`prepareSetup refused: ${prepared.message} ${JSON.stringify(prepared.fieldErrors ?? {})}`);
  const failed = prepared.checks.filter((check) => check.status === 'fail');
  if (failed.length > 0) throw new Error(`preflight failed: ${JSON.stringify(failed)}`);
  const prepareSeconds = (performance.now() - prepStart) / 1000;
  if (process.env.BENCH_RUNBOOK_OUT) writeFileSync(process.env.BENCH_RUNBOOK_OUT, prepared.runbookText);
  const version = prepared.snapshot.primary.facts?.cluster?.version;
  const clusterId = await createClusterRecord(form, prepared.options, version, { actorId: null, actorEmail: actor.email });
  const params = { snapshot: prepared.snapshot, options: prepared.options };
  const start = performance.now();
  const claim = await runner.startOperation(setupKind, { clusterId, params, reason: 'bench', actor });
  if (!claim.ok) throw new Error(claim.message);
  const result = await runner.waitForOperation(claim.operationId);
  const setupSeconds = (performance.now() - start) / 1000;
  const rows = await (await db()).operationStep.findMany({
    where: { operationId: claim.operationId }, orderBy: { position: 'asc' },
    select: { name: true, hostName: true, status: true, startedAt: true, finishedAt: true, outputTail: true },
  });
  const steps = rows.map((row) => ({
    name: row.name, host: row.hostName, status: row.status,
    seconds: row.startedAt && row.finishedAt ? (row.finishedAt.getTime() - row.startedAt.getTime()) / 1000 : null,
  }));
  if (result?.status !== 'succeeded') {
    const bad = rows.filter((row) => row.status === 'failed').map((row) => `${row.name}: ${row.outputTail}`);
    throw new Error(`setup ended ${result?.status ?? 'unknown'}: ${bad.join('; ')}`);
  }
  return { prepareSeconds, setupSeconds, steps };
}

try {
  console.log(`BENCH_RESULT ${JSON.stringify(await main())}`);
} finally {
  getSshPool().closeAll();
}
process.exit(0);
