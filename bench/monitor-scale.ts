/**
 * Monitoring scale bench (reports, asserts nothing): the poller at 1 s in this process (app
 * database PGlite in a temporary data directory) watching 50, 200 and 500 targets. One real
 * cluster is set up on a fresh 3-host lab (pg1 → pg2, pg3); the inventory holds copies of it
 * (each a cluster of 1 primary + 2 replicas = 3 targets, its own Host rows at the same
 * addresses), so each lab server answers targets/3 monitoring connections; max_connections is
 * raised for that (ALTER SYSTEM + restart) and reset at the end. Per level, after a warm-up,
 * over BENCH_WINDOW_S (default 60) seconds: CPU of this process (process.cpuUsage delta / wall
 * time, % of one core), ticks per second and p95 tick duration (durationMs of the ticks on the
 * bus), rows written per second and the growth of lag_samples + slot_samples + lag_rollups
 * (pg_total_relation_size) extrapolated to an hour. Target: 500 targets < 50% of one core.
 * Run as root: npm run bench:scale. BENCH_LEVELS (default 50,200,500).
 */
import { BENCH_DATA_DIR } from './lib/monitor-env';
import os from 'node:os';
import { labSsh } from '@/lab/client';
import { acquireLabRunLock } from '../lab/run-lock';
import { finishMonitorBench, monitoredLabCluster, percentile, sleep } from './lib/monitor-lab';
import { addClusterCopies, monitoringBytes, monitoringRows } from './lib/scale-inventory';

const LEVELS = (process.env.BENCH_LEVELS ?? '50,200,500').split(',').map(Number);
const WINDOW_S = Number(process.env.BENCH_WINDOW_S ?? '60');
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? '15');
const HOSTS = ['pg1', 'pg2', 'pg3'];

async function asPostgres(host: string, command: string): Promise<void> {
  const result = await labSsh(host, `cd / && runuser -u postgres -- ${command}`, { timeoutMs: 120_000 });
  if (result.code !== 0) throw new Error(`${host}: ${command} → ${result.stderr}`);
}

async function psqlValue(host: string, query: string): Promise<string> {
  const result = await labSsh(host, `cd / && runuser -u postgres -- psql -XAtqc "${query}"`);
  return result.stdout.trim();
}

/** Raises max_connections on every lab server: replicas first (a standby needs at least its primary's value). */
async function raiseMaxConnections(value: number): Promise<void> {
  for (const host of HOSTS) await asPostgres(host, `psql -XAtqc "ALTER SYSTEM SET max_connections = ${value}"`);
  for (const host of ['pg2', 'pg3', 'pg1']) await asPostgres(host, 'pg_ctlcluster 15 main restart');
}

/**
 * Resets max_connections: the primary first, then, once both replicas replayed its parameter
 * change record (a standby refuses to start below the value its control file last saw), the replicas.
 */
async function resetMaxConnections(): Promise<void> {
  for (const host of HOSTS) await asPostgres(host, 'psql -XAtqc "ALTER SYSTEM RESET max_connections"');
  await asPostgres('pg1', 'pg_ctlcluster 15 main restart');
  const target = await psqlValue('pg1', 'SELECT pg_current_wal_lsn()');
  for (let attempt = 0; attempt < 60; attempt += 1) {
    if ((await psqlValue('pg1', `SELECT count(*) FROM pg_stat_replication WHERE replay_lsn >= '${target}'`)) === '2') break;
    await sleep(500);
  }
  for (const host of ['pg2', 'pg3']) await asPostgres(host, 'pg_ctlcluster 15 main restart');
}

interface Level { targets: number; clusters: number; cpuPct: number; ticksPerS: number; p50: number; p95: number; rowsPerS: number; mbPerHour: number; errors: number }

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error('The bench needs root (the lab creates namespaces and mounts).');
  await acquireLabRunLock('bench');
  const { startPoller, refreshPoller, pollErrorCounts } = await import('@/lib/monitor/poller');
  const { onClusterTick } = await import('@/lib/monitor/tick-bus');
  const results: Level[] = [];
  try {
    const { clusterId } = await monitoredLabCluster();
    const maxClusters = Math.ceil(Math.max(...LEVELS) / 3);
    await raiseMaxConnections(maxClusters + 100);
    const durations: number[] = [];
    onClusterTick((tick) => void durations.push(tick.durationMs));
    await startPoller({ refreshMs: 5_000, leaderRetryMs: 5_000 });
    let clusters = 1;
    for (const level of LEVELS) {
      const wanted = Math.ceil(level / 3);
      await addClusterCopies(clusterId, clusters, wanted);
      clusters = Math.max(clusters, wanted);
      await refreshPoller();
      await sleep(WARMUP_S * 1000);
      durations.length = 0;
      const errorsBefore = [...pollErrorCounts().values()].reduce((a, b) => a + b, 0);
      const bytesBefore = await monitoringBytes();
      const rowsBefore = await monitoringRows();
      const cpuBefore = process.cpuUsage();
      const wallBefore = performance.now();
      await sleep(WINDOW_S * 1000);
      const cpu = process.cpuUsage(cpuBefore);
      const wallS = (performance.now() - wallBefore) / 1000;
      const ticks = [...durations];
      const rows = (await monitoringRows()) - rowsBefore;
      const bytes = (await monitoringBytes()) - bytesBefore;
      const errors = [...pollErrorCounts().values()].reduce((a, b) => a + b, 0) - errorsBefore;
      const result: Level = {
        targets: clusters * 3, clusters, cpuPct: ((cpu.user + cpu.system) / 1e6 / wallS) * 100, ticksPerS: ticks.length / wallS,
        p50: percentile(ticks, 50), p95: percentile(ticks, 95), rowsPerS: rows / wallS, mbPerHour: (bytes / wallS) * 3600 / 1024 ** 2, errors,
      };
      results.push(result);
      console.log(`${result.targets} targets (${clusters} clusters): CPU ${result.cpuPct.toFixed(1)}% of one core, ${result.ticksPerS.toFixed(1)} ticks/s, tick p50 ${result.p50} ms p95 ${result.p95} ms, ${result.rowsPerS.toFixed(0)} rows/s, ${result.mbPerHour.toFixed(0)} MiB/h, ${errors} poll errors`);
    }
    const line = '-'.repeat(100);
    console.log(`\n${line}\nMonitoring scale, poll interval 1 s, ${WINDOW_S} s per level after ${WARMUP_S} s warm-up, ${new Date().toISOString()}`);
    console.log(`${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}, node ${process.version}; app DB PGlite in ${BENCH_DATA_DIR}\n${line}`);
    console.log('targets  clusters  CPU % of 1 core  ticks/s (expected)  tick p50 / p95 ms  rows/s  growth MiB/h  poll errors');
    for (const r of results) {
      console.log(`${String(r.targets).padEnd(9)}${String(r.clusters).padEnd(10)}${r.cpuPct.toFixed(1).padEnd(17)}${`${r.ticksPerS.toFixed(1)} (${r.clusters})`.padEnd(20)}${`${r.p50} / ${r.p95}`.padEnd(19)}${r.rowsPerS.toFixed(0).padEnd(8)}${r.mbPerHour.toFixed(0).padEnd(13)}${r.errors}`);
    }
    const top = results.at(-1);
    if (top) console.log(`${line}\ntarget < 50% of one core at ${top.targets} targets: ${top.cpuPct < 50 ? 'met' : 'MISSED'}`);
  } finally {
    await finishMonitorBench(() => resetMaxConnections().catch((error: unknown) => console.log(`max_connections reset failed: ${String(error)}`)));
  }
}

await main();
process.exit(0);
