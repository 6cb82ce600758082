/**
 * Freshness bench (reports, asserts nothing): time from a commit on the primary to the sample
 * showing it replayed arriving on the chart's event stream. A fresh 3-host lab, pg1 → pg2, pg3
 * set up by the wizard, the poller at 1 s in this process (app database: PGlite in a temporary
 * data directory), and the real SSE route handler (GET /api/clusters/[id]/lag/stream) read as a
 * signed-in viewer. BENCH_COMMITS (default 120) commits on pg1, 300–1300 ms apart; for each, its
 * time (clock_timestamp() inside the INSERT, before the commit) and LSN (pg_current_wal_lsn()
 * after the commit, ≥ the commit record's end). Lab hosts share this machine's clock. A commit is
 * on the stream for a replica when an `event: samples` point of that replica arrives whose tick
 * read the primary at LSN ≥ the commit's (so its byte lag is measured against a position that
 * includes the commit) and the replica's replay LSN ≥ the commit's (replay caught up with it).
 * Points carry no LSN, so each is matched to its tick on the bus by (host, time). Target: p95 of
 * the all-replicas figure ≤ 2 s. Run as root: npm run bench:freshness.
 */
import { register } from 'node:module';
import { BENCH_DATA_DIR } from './lib/monitor-env';
import { labSsh } from '@/lab/client';
import { acquireLabRunLock } from '../lab/run-lock';
import { finishMonitorBench, lsnBytes, monitoredLabCluster, percentile, sleep } from './lib/monitor-lab';

register('./lib/viewer-session-hooks.mjs', import.meta.url);

const COMMITS = Number(process.env.BENCH_COMMITS ?? '120');
const TARGET_MS = 2_000;

interface Arrival { readonly hostId: number; readonly arrivedAt: number; readonly primaryLsn: number; readonly replayLsn: number }
interface Commit { readonly at: number; readonly lsn: number }

async function commitOnPrimary(): Promise<Commit> {
  const sql = `cd / && runuser -u postgres -- psql -XAtq -c "INSERT INTO bench_fresh DEFAULT VALUES RETURNING extract(epoch FROM at)" -c "SELECT pg_current_wal_lsn()"`;
  const result = await labSsh('pg1', sql);
  const [at, lsn] = result.stdout.trim().split('\n');
  if (result.code !== 0 || !at || !lsn) throw new Error(`commit on pg1 failed: ${result.stderr}`);
  return { at: Number(at) * 1000, lsn: lsnBytes(lsn) };
}

async function readStream(body: ReadableStream<Uint8Array>, ticks: Map<string, { primaryLsn: number; replayLsn: number }>, arrivals: Arrival[], signal: AbortSignal): Promise<void> {
  const reader = body.getReader();
  signal.addEventListener('abort', () => void reader.cancel().catch(() => undefined));
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    const arrivedAt = Date.now();
    buffer += decoder.decode(value, { stream: true });
    const events = buffer.split('\n\n');
    buffer = events.pop() ?? '';
    for (const event of events) {
      const data = event.split('\n').find((line) => line.startsWith('data: '));
      if (!event.includes('event: samples') || !data) continue;
      for (const point of JSON.parse(data.slice(6)) as { at: number; hostId: number }[]) {
        const tick = ticks.get(`${point.hostId}@${point.at}`);
        if (tick) arrivals.push({ hostId: point.hostId, arrivedAt, ...tick });
      }
    }
  }
}

function visibleAfter(commit: Commit, hostId: number, arrivals: readonly Arrival[]): number | null {
  const first = arrivals.find((a) => a.hostId === hostId && a.arrivedAt >= commit.at && a.primaryLsn >= commit.lsn && a.replayLsn >= commit.lsn);
  return first ? first.arrivedAt - commit.at : null;
}

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error('The bench needs root (the lab creates namespaces and mounts).');
  await acquireLabRunLock('bench');
  const { startPoller, refreshPoller } = await import('@/lib/monitor/poller');
  const { onClusterTick } = await import('@/lib/monitor/tick-bus');
  const route = await import('@/app/api/clusters/[id]/lag/stream/route');
  const abort = new AbortController();
  try {
    const { clusterId, hostIds } = await monitoredLabCluster();
    const replicas = [hostIds.pg2 ?? 0, hostIds.pg3 ?? 0];
    await labSsh('pg1', `cd / && runuser -u postgres -- psql -XAtqc "CREATE TABLE bench_fresh (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT clock_timestamp())"`);
    const ticks = new Map<string, { primaryLsn: number; replayLsn: number }>();
    const durations: number[] = [];
    onClusterTick((tick) => {
      if (tick.clusterId !== clusterId || !tick.primaryLsn) return;
      durations.push(tick.durationMs);
      for (const sample of tick.replicas) {
        if (sample.replayLsn) ticks.set(`${sample.hostId}@${sample.at.getTime()}`, { primaryLsn: lsnBytes(tick.primaryLsn), replayLsn: lsnBytes(sample.replayLsn) });
      }
    });
    await startPoller({ refreshMs: 1_000, leaderRetryMs: 1_000 });
    await refreshPoller();
    const response = await route.GET(new Request(`http://bench.invalid/api/clusters/${clusterId}/lag/stream`, { signal: abort.signal }), { params: Promise.resolve({ id: String(clusterId) }) });
    if (response.status !== 200 || !response.body) throw new Error(`stream route answered ${response.status}`);
    const arrivals: Arrival[] = [];
    const reading = readStream(response.body, ticks, arrivals, abort.signal).catch(() => undefined);
    await sleep(5_000);
    const commits: Commit[] = [];
    for (let n = 0; n < COMMITS; n += 1) {
      await sleep(300 + Math.random() * 1000);
      commits.push(await commitOnPrimary());
      if ((n + 1) % 20 === 0) console.log(`${n + 1} commits`);
    }
    await sleep(5_000);
    abort.abort();
    await Promise.race([reading, sleep(2_000)]);
    console.log(`commits done; ${arrivals.length} points received`);
    const all: number[] = [];
    const first: number[] = [];
    const perReplica: number[] = [];
    let missing = 0;
    for (const commit of commits) {
      const times = replicas.map((hostId) => visibleAfter(commit, hostId, arrivals));
      if (times.some((time) => time === null)) missing += 1;
      const seen = times.filter((time): time is number => time !== null);
      perReplica.push(...seen);
      if (seen.length === replicas.length) all.push(Math.max(...seen));
      if (seen.length > 0) first.push(Math.min(...seen));
    }
    const line = '-'.repeat(100);
    const row = (label: string, values: number[]) => `${label.padEnd(44)}${String(values.length).padEnd(7)}${(percentile(values, 50) / 1000).toFixed(2).padEnd(8)}${(percentile(values, 95) / 1000).toFixed(2).padEnd(8)}${(Math.max(...values) / 1000).toFixed(2)}`;
    console.log(`\n${line}\nFreshness: commit on pg1 → sample showing it replayed on the SSE stream, poll interval 1 s, ${new Date().toISOString()}`);
    console.log(`${commits.length} commits 300–1300 ms apart (plus one ssh round trip each); ${arrivals.length} points received; ${durations.length} ticks, tick p50 ${percentile(durations, 50)} ms, p95 ${percentile(durations, 95)} ms; app DB PGlite in ${BENCH_DATA_DIR}\n${line}`);
    console.log(`${'figure'.padEnd(44)}${'n'.padEnd(7)}${'p50 s'.padEnd(8)}${'p95 s'.padEnd(8)}max s`);
    console.log(row('every replica shown caught up (per commit)', all));
    console.log(row('first replica shown caught up (per commit)', first));
    console.log(row('each replica (per commit and replica)', perReplica));
    console.log(`${line}\ncommits never shown on some replica: ${missing}; target p95 ≤ ${TARGET_MS / 1000} s (every replica): ${percentile(all, 95) <= TARGET_MS ? 'met' : 'MISSED'}`);
  } finally {
    abort.abort();
    console.log('stopping the poller and taking the lab down');
    await finishMonitorBench();
  }
}

await main();
process.exit(0);
