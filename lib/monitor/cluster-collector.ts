import 'server-only';
import type { MonitoredCluster, MonitoredMember } from '@/lib/db/monitor-clusters';
import { assembleTick } from './assemble-tick';
import type { ReplayHistory, StatusThresholds } from './classify-status';
import { HostLink } from './host-link';
import { pollMember, type MemberPollResult } from './poll-member';
import type { ClusterTick } from './types';

const DISK_RETRY_MS = 5_000;

export interface CollectorOptions {
  readonly thresholds: StatusThresholds;
  /** Per-host budget per tick (connect and queries). */
  readonly hostDeadlineMs: number;
  readonly diskEveryMs: number;
  readonly diskFree: (member: MonitoredMember) => Promise<number | null>;
}

export interface HostProblem {
  readonly hostName: string;
  readonly error: string;
}

export interface CollectedTick {
  readonly tick: ClusterTick;
  /** Hosts that did not answer this tick, or whose heartbeat failed. */
  readonly problems: readonly HostProblem[];
}

/**
 * Polls one cluster tick after tick on persistent per-host links, keeping the small
 * history status needs and the last free-disk figure (refreshed in the background at
 * most every `diskEveryMs`, so `df` over SSH never slows a tick).
 */
export class ClusterCollector {
  #cluster: MonitoredCluster;
  readonly #options: CollectorOptions;
  readonly #links = new Map<number, HostLink>();
  #history = new Map<number, ReplayHistory>();
  readonly #disk = { at: -Infinity, freeBytes: null as number | null, pending: false, hostId: null as number | null };

  constructor(cluster: MonitoredCluster, options: CollectorOptions) {
    this.#cluster = cluster;
    this.#options = options;
    this.update(cluster);
  }

  get cluster(): MonitoredCluster {
    return this.#cluster;
  }

  /** Takes a re-read cluster: links follow changed targets, removed members' links close. */
  update(cluster: MonitoredCluster): void {
    this.#cluster = cluster;
    const ids = new Set(cluster.members.map((member) => member.hostId));
    for (const [hostId, link] of this.#links) {
      if (!ids.has(hostId)) {
        link.close();
        this.#links.delete(hostId);
      }
    }
    for (const member of cluster.members) {
      const link = this.#links.get(member.hostId);
      if (link) link.retarget(member.target);
      else this.#links.set(member.hostId, new HostLink(member.target, { deadlineMs: this.#options.hostDeadlineMs }));
    }
  }

  async tick(): Promise<CollectedTick> {
    const started = Date.now();
    const cluster = this.#cluster;
    const at = new Date();
    const polled = await Promise.all(cluster.members.map(async (member): Promise<[number, MemberPollResult]> => {
      const link = this.#links.get(member.hostId);
      if (!link) return [member.hostId, { ok: false, error: 'no link', durationMs: 0 }];
      return [member.hostId, await pollMember(link, { writeHeartbeat: cluster.heartbeat && member.role === 'primary', readHeartbeat: cluster.heartbeat })];
    }));
    const results = new Map(polled);
    const assembled = assembleTick(
      { clusterId: cluster.id, clusterName: cluster.name, at, members: cluster.members, results, disk: { hostId: this.#disk.hostId, freeBytes: this.#disk.freeBytes }, durationMs: Date.now() - started },
      this.#history,
      this.#options.thresholds,
    );
    this.#history = assembled.history;
    this.#refreshDisk(assembled.tick.sourceHostId);
    const problems: HostProblem[] = [];
    for (const member of cluster.members) {
      const result = results.get(member.hostId);
      if (result && !result.ok) problems.push({ hostName: member.name, error: result.error });
      else if (result?.ok && result.answer.heartbeatError) problems.push({ hostName: member.name, error: `heartbeat: ${result.answer.heartbeatError}` });
    }
    return { tick: assembled.tick, problems };
  }

  close(): void {
    for (const link of this.#links.values()) link.close();
    this.#links.clear();
  }

  #refreshDisk(sourceHostId: number | null): void {
    const member = this.#cluster.members.find((candidate) => candidate.hostId === sourceHostId);
    if (!member?.dataDirectory || this.#disk.pending) return;
    if (this.#disk.hostId === member.hostId && Date.now() - this.#disk.at < this.#options.diskEveryMs) return;
    this.#disk.pending = true;
    const settle = (freeBytes: number | null) => {
      const failed = freeBytes === null;
      Object.assign(this.#disk, {
        freeBytes: failed && this.#disk.hostId === member.hostId ? this.#disk.freeBytes : freeBytes,
        at: failed ? Date.now() - this.#options.diskEveryMs + DISK_RETRY_MS : Date.now(),
        hostId: member.hostId,
        pending: false,
      });
    };
    void this.#options.diskFree(member).then(settle, () => settle(null));
  }
}
