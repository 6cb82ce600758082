import 'server-only';
import type { MonitoredCluster } from '@/lib/db/monitor-clusters';
import { ClusterCollector, type CollectorOptions, type HostProblem } from './cluster-collector';
import { publishClusterTick } from './tick-bus';
import type { ClusterTick } from './types';

export interface LoopHooks {
  readonly log: Pick<Console, 'info' | 'warn' | 'error'>;
  /** Called with the number of poll errors of a tick (hosts that did not answer, a failed store). */
  readonly countErrors: (clusterId: number, errors: number) => void;
  /** Called with every tick as soon as it is collected, before it is stored (the fence guard acts on it). */
  readonly observed: (tick: ClusterTick) => void;
  /** Stores a tick; it is published only once this resolves. */
  readonly store: (tick: ClusterTick) => Promise<void>;
  /** Called with every stored tick and the interval it was polled at, before it is published. */
  readonly stored: (tick: ClusterTick, pollIntervalMs: number) => void;
}

/**
 * Polls one cluster every `pollIntervalMs`: the next tick is scheduled only after the
 * previous one finished (stored and published), so ticks of a cluster never overlap, and
 * each cluster has its own loop, so a slow cluster never delays another.
 */
export class ClusterLoop {
  readonly #collector: ClusterCollector;
  readonly #hooks: LoopHooks;
  #timer: NodeJS.Timeout | null = null;
  #inFlight: Promise<void> | null = null;
  #stopped = false;
  readonly #lastProblem = new Map<string, string>();

  constructor(cluster: MonitoredCluster, options: CollectorOptions, hooks: LoopHooks) {
    this.#collector = new ClusterCollector(cluster, options);
    this.#hooks = hooks;
    this.#schedule(0);
  }

  update(cluster: MonitoredCluster): void {
    this.#collector.update(cluster);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#inFlight;
    this.#collector.close();
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#inFlight = this.#runOnce().finally(() => {
        this.#inFlight = null;
      });
    }, delayMs);
  }

  async #runOnce(): Promise<void> {
    const started = Date.now();
    const cluster = this.#collector.cluster;
    try {
      const { tick, problems } = await this.#collector.tick();
      this.#report(cluster.name, problems);
      if (problems.length > 0) this.#hooks.countErrors(cluster.id, problems.length);
      if (this.#stopped) return;
      this.#hooks.observed(tick);
      await this.#hooks.store(tick);
      this.#hooks.stored(tick, cluster.pollIntervalMs);
      publishClusterTick(tick);
    } catch (error: unknown) {
      this.#hooks.countErrors(cluster.id, 1);
      this.#hooks.log.error(`[tandem] poll of cluster ${cluster.name} failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.#schedule(Math.max(0, cluster.pollIntervalMs - (Date.now() - started)));
    }
  }

  #report(clusterName: string, problems: readonly HostProblem[]): void {
    const now = new Map(problems.map((problem) => [problem.hostName, problem.error]));
    for (const [host, error] of now) {
      if (!this.#lastProblem.has(host)) this.#hooks.log.warn(`[tandem] cluster ${clusterName}: ${host} did not answer the poll: ${error}`);
    }
    for (const host of this.#lastProblem.keys()) {
      if (!now.has(host)) this.#hooks.log.info(`[tandem] cluster ${clusterName}: ${host} answers the poll again`);
    }
    this.#lastProblem.clear();
    for (const [host, error] of now) this.#lastProblem.set(host, error);
  }
}
