import 'server-only';
import { database } from '@/lib/db/client';
import { storeTicks } from '@/lib/db/lag-write';
import { listMonitoredClusters, type MonitoredCluster } from '@/lib/db/monitor-clusters';
import { env } from '@/lib/config/env';
import { FenceGuard } from '@/lib/monitor/fence-guard';
import { DEFAULT_THRESHOLDS, type StatusThresholds } from './classify-status';
import type { CollectorOptions } from './cluster-collector';
import { ClusterLoop } from './cluster-loop';
import { hostDeadlineFor } from './deadline';
import { readDiskFree } from './disk-free';
import { advisoryLeadership, soleLeadership, type Leadership } from './leadership';
import { runMaintenance } from './maintenance';
import { TickBatcher } from './tick-batcher';
import type { PolledTick } from './types';

export interface PollerOptions {
  readonly thresholds?: Partial<StatusThresholds>;
  /** How often the cluster list is re-read (new, changed, removed clusters); default 10 s. */
  readonly refreshMs?: number;
  /** How often a non-leader tries to take over, and the leader re-checks its lock; default 5 s. */
  readonly leaderRetryMs?: number;
  /** How often rollups and pruning run; default 60 s. */
  readonly maintenanceMs?: number;
  readonly leadership?: Leadership;
  readonly log?: Pick<Console, 'info' | 'warn' | 'error'>;
}

const POLLER_KEY = Symbol.for('tandem.poller');
const ERRORS_KEY = Symbol.for('tandem.poll-errors');
const LAST_KEY = Symbol.for('tandem.last-ticks');
type Holder = { [POLLER_KEY]?: Poller; [ERRORS_KEY]?: Map<number, number>; [LAST_KEY]?: Map<number, PolledTick> };
const holder = globalThis as Holder;

function errorCounts(): Map<number, number> {
  holder[ERRORS_KEY] ??= new Map();
  return holder[ERRORS_KEY];
}

/** Poll errors per cluster since start (hosts that did not answer a tick, failed ticks); for the metrics export. */
export function pollErrorCounts(): Map<number, number> {
  return new Map(errorCounts());
}

function lastTicks(): Map<number, PolledTick> {
  holder[LAST_KEY] ??= new Map();
  return holder[LAST_KEY];
}

/** The last stored tick of each polled cluster in this process, with its poll interval (empty on an instance that does not poll). */
export function latestClusterTicks(): Map<number, PolledTick> {
  return new Map(lastTicks());
}

class Poller {
  readonly #options: Required<Omit<PollerOptions, 'thresholds' | 'leadership'>> & { thresholds: StatusThresholds; leadership: Leadership | null };
  readonly #loops = new Map<number, ClusterLoop>();
  #leader = false;
  #stopped = false;
  #timers: NodeJS.Timeout[] = [];
  #leadership: Leadership | null = null;
  #maintaining = false;
  #refreshing: Promise<void> | null = null;
  readonly #batcher = new TickBatcher(storeTicks);
  #guard: FenceGuard | null = null;

  constructor(options: PollerOptions) {
    this.#options = {
      refreshMs: 10_000, leaderRetryMs: 5_000, maintenanceMs: 60_000, log: console, ...options,
      thresholds: { ...DEFAULT_THRESHOLDS, ...options.thresholds }, leadership: options.leadership ?? null,
    };
  }

  async start(): Promise<void> {
    const { driver } = await database();
    const url = env().DATABASE_URL;
    this.#leadership = this.#options.leadership ?? (driver.kind === 'postgresql' && url ? advisoryLeadership(url, this.#options.log) : soleLeadership);
    await this.#checkLeadership();
    this.#timers.push(setInterval(() => void this.#checkLeadership(), this.#options.leaderRetryMs));
    this.#timers.push(setInterval(() => void this.refresh(), this.#options.refreshMs));
    this.#timers.push(setInterval(() => void this.#maintain(), this.#options.maintenanceMs));
  }

  /** Re-reads the monitored clusters now: starts new loops, updates changed ones, stops removed ones. */
  refresh(): Promise<void> {
    this.#refreshing ??= this.#refresh().finally(() => {
      this.#refreshing = null;
    });
    return this.#refreshing;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    for (const timer of this.#timers) clearInterval(timer);
    await this.#refreshing;
    await this.#stopLoops();
    await this.#guard?.stop();
    await this.#leadership?.release();
  }

  async #checkLeadership(): Promise<void> {
    if (this.#stopped || !this.#leadership) return;
    const leader = await this.#leadership.acquire();
    if (leader && !this.#leader) this.#options.log.info('[tandem] this instance polls the clusters');
    if (!leader && this.#leader) this.#options.log.warn('[tandem] lost the poller lock; another instance polls');
    this.#leader = leader;
    if (leader && !this.#guard) {
      this.#guard = new FenceGuard(this.#options.log);
      this.#guard.start();
    }
    if (leader && this.#loops.size === 0) await this.refresh();
    if (!leader) {
      await this.#stopLoops();
      await this.#guard?.stop();
      this.#guard = null;
    }
  }

  async #refresh(): Promise<void> {
    if (this.#stopped || !this.#leader) return;
    let clusters: MonitoredCluster[];
    try {
      clusters = await listMonitoredClusters();
    } catch (error: unknown) {
      this.#options.log.error(`[tandem] could not read the monitored clusters: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (this.#stopped || !this.#leader) return;
    const ids = new Set(clusters.map((cluster) => cluster.id));
    for (const [id, loop] of this.#loops) {
      if (!ids.has(id)) {
        this.#loops.delete(id);
        lastTicks().delete(id);
        await loop.stop();
      }
    }
    for (const cluster of clusters) {
      const loop = this.#loops.get(cluster.id);
      if (loop) loop.update(cluster);
      else this.#loops.set(cluster.id, new ClusterLoop(cluster, this.#collectorOptions(cluster), {
        log: this.#options.log,
        countErrors: (id, n) => errorCounts().set(id, (errorCounts().get(id) ?? 0) + n),
        observed: (tick) => this.#guard?.observe(tick),
        store: (tick) => this.#batcher.write(tick),
        stored: (tick, pollIntervalMs) => lastTicks().set(tick.clusterId, { tick, pollIntervalMs }),
      }));
    }
  }

  #collectorOptions(cluster: MonitoredCluster): CollectorOptions {
    return {
      thresholds: this.#options.thresholds,
      hostDeadlineMs: hostDeadlineFor(cluster.pollIntervalMs),
      diskEveryMs: 30_000,
      diskFree: (member) => (member.dataDirectory ? readDiskFree(member.hostId, member.dataDirectory) : Promise.resolve(null)),
    };
  }

  async #stopLoops(): Promise<void> {
    const loops = [...this.#loops.values()];
    this.#loops.clear();
    await Promise.all(loops.map((loop) => loop.stop()));
  }

  async #maintain(): Promise<void> {
    if (this.#maintaining || !this.#leader || this.#stopped) return;
    this.#maintaining = true;
    try {
      await runMaintenance(new Date());
    } catch (error: unknown) {
      this.#options.log.error(`[tandem] lag rollup or pruning failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.#maintaining = false;
    }
  }
}

/**
 * Starts the process's poller (once; later calls return the running one). It polls only
 * while it holds leadership: always on PGlite, on PostgreSQL while it holds the advisory
 * lock, retried so another instance takes over when the leader dies.
 */
export async function startPoller(options: PollerOptions = {}): Promise<void> {
  if (holder[POLLER_KEY]) return;
  const poller = new Poller(options);
  holder[POLLER_KEY] = poller;
  try {
    await poller.start();
  } catch (error) {
    delete holder[POLLER_KEY];
    await poller.stop();
    throw error;
  }
}

/** Stops polling and closes every monitoring connection; waits for ticks in flight. */
export async function stopPoller(): Promise<void> {
  const poller = holder[POLLER_KEY];
  delete holder[POLLER_KEY];
  await poller?.stop();
}

/** Re-reads the cluster list now instead of within the refresh period (after enabling monitoring, in tests). */
export async function refreshPoller(): Promise<void> {
  await holder[POLLER_KEY]?.refresh();
}
