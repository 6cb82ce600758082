/**
 * Chart query bench (reports, asserts nothing): seeds a full day for one 3-replica cluster
 * (raw samples every second for 24 h = 259,200 rows, and the minute rollups the poller's
 * maintenance would have written up to two minutes ago), then times the 24 h chart read
 * (readLagSeries: rollups + the raw tail + operation markers) 20 times, and the other ranges
 * for reference. Runs on embedded PGlite in a fresh data directory, and also on the PostgreSQL
 * server named by DATABASE_URL when it is a postgresql:// URL (its database should be empty:
 * `bash scripts/with-postgres.sh npm run bench:chart`). Target: 24 h read < 100 ms.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNS = 20;
const TARGET_MS = 100;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function child(): Promise<void> {
  const { db, database } = await import('@/lib/db/client');
  const { readLagSeries } = await import('@/lib/db/lag-read');
  const { seedCluster, seedRawSamples } = await import('@/lib/testing/lag-seed');
  const { rollupMinutes } = await import('@/lib/db/monitor-maintenance');
  const { LAG_RANGES } = await import('@/lib/lag/types');
  const prisma = await db();
  const kind = (await database()).driver.kind;
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const dayAgo = new Date(now.getTime() - 86_400_000);
  let started = performance.now();
  const { clusterId, replicaIds } = await seedCluster(prisma, `bench-${now.getTime()}`, 3);
  const raw = await seedRawSamples(prisma, { clusterId, hostIds: replicaIds, from: dayAgo, to: now, intervalSeconds: 1 });
  const rollups = await rollupMinutes(dayAgo, new Date(Math.floor(now.getTime() / 60_000) * 60_000 - 120_000), prisma);
  await prisma.$executeRawUnsafe('ANALYZE lag_samples');
  await prisma.$executeRawUnsafe('ANALYZE lag_rollups');
  console.log(`[${kind}] seeded ${raw} raw samples and ${rollups} rollups for 3 replicas in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  for (const range of LAG_RANGES) {
    await readLagSeries(clusterId, range, now);
    const times: number[] = [];
    let points = 0;
    for (let run = 0; run < RUNS; run += 1) {
      started = performance.now();
      const series = await readLagSeries(clusterId, range, now);
      times.push(performance.now() - started);
      points = series?.points.length ?? 0;
    }
    const p50 = percentile(times, 50);
    const p95 = percentile(times, 95);
    const verdict = range === '24h' ? (p95 < TARGET_MS ? `  (target < ${TARGET_MS} ms: met)` : `  (target < ${TARGET_MS} ms: MISSED)`) : '';
    console.log(`[${kind}] ${range.padEnd(4)} chart read: median ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms over ${RUNS} runs, ${points} points${verdict}`);
  }
  await (await database()).driver.sql.close();
}

function run(label: string, env: NodeJS.ProcessEnv): void {
  console.log(`\n${label}`);
  const script = fileURLToPath(import.meta.url);
  const result = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', script], { stdio: 'inherit', env: { ...env, BENCH_CHART_CHILD: '1' } });
  if (result.status !== 0) console.log(`  (${label} failed with exit code ${result.status})`);
}

if (process.env.BENCH_CHART_CHILD) {
  await child();
} else {
  console.log(`Chart query bench on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-chart-'));
  try {
    const rest = { ...process.env };
    delete rest.DATABASE_URL;
    run('PGlite (embedded, on disk, fresh data directory)', { ...rest, TANDEM_DATA_DIR: dataDir, TANDEM_SECRET_KEY: 'b'.repeat(64) });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (process.env.DATABASE_URL?.startsWith('postgres')) run('PostgreSQL (DATABASE_URL)', { ...process.env, TANDEM_SECRET_KEY: 'b'.repeat(64) });
  else console.log('\nPostgreSQL: skipped (set DATABASE_URL to a postgresql:// URL, e.g. bash scripts/with-postgres.sh npm run bench:chart)');
}
