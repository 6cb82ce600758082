import type { ClusterTick, MemberPoll, ReplicaSample, SlotSample } from '@/lib/monitor/types';

/** Test builders: a healthy two-member cluster (primary 1 = pg1, replica 2 = pg2) at time `t` seconds. */
export function makeReplica(overrides: Partial<ReplicaSample> = {}): ReplicaSample {
  return {
    clusterId: 1, hostId: 2, at: new Date(0), status: 'streaming', state: 'streaming', syncState: 'async',
    sentBytes: 0, writeBytes: 0, flushBytes: 0, replayBytes: 0, writeLagMs: null, flushLagMs: null, replayLagMs: null,
    replyAgeMs: 200, receiveLsn: '0/3000000', replayLsn: '0/3000000', replayPaused: false, lastReplayAt: null,
    receiverStatus: 'streaming', heartbeatLagMs: null, ...overrides,
  };
}

export function makeSlot(overrides: Partial<SlotSample> = {}): SlotSample {
  return { clusterId: 1, at: new Date(0), slotName: 'pg2', active: true, retainedBytes: 0, walStatus: 'reserved', safeWalSize: null, diskFreeBytes: null, ...overrides };
}

export function makeMember(overrides: Partial<MemberPoll> = {}): MemberPoll {
  return { hostId: 1, hostName: 'pg1', reachable: true, error: null, inRecovery: false, archiver: null, durationMs: 3, ...overrides };
}

export interface TickOptions {
  replicas?: Partial<ReplicaSample>[];
  slots?: Partial<SlotSample>[];
  primaryReachable?: boolean;
  writableHostIds?: number[];
  /** The host slots are read from; by default the primary when writable, else the first writable member. */
  sourceHostId?: number | null;
  /** Changes to the two members (pg1, pg2), in that order. */
  members?: Partial<MemberPoll>[];
}

export function makeTick(t: number, options: TickOptions = {}): ClusterTick {
  const at = new Date(Date.UTC(2026, 10, 22, 8, 0, 0) + t * 1000);
  const reachable = options.primaryReachable ?? true;
  const writableHostIds = options.writableHostIds ?? (reachable ? [1] : []);
  return {
    clusterId: 1,
    clusterName: 'main',
    at,
    recordedPrimaryHostId: 1,
    writableHostIds,
    sourceHostId: options.sourceHostId !== undefined ? options.sourceHostId : writableHostIds.includes(1) ? 1 : writableHostIds[0] ?? null,
    primaryLsn: '0/3000000',
    members: [
      makeMember({ reachable, error: reachable ? null : 'connection timed out', inRecovery: reachable ? false : null, ...options.members?.[0] }),
      makeMember({ hostId: 2, hostName: 'pg2', inRecovery: true, ...options.members?.[1] }),
    ],
    replicas: (options.replicas ?? [{}]).map((replica) => makeReplica({ at, ...replica })),
    slots: (options.slots ?? [{}]).map((slot) => makeSlot({ at, ...slot })),
    durationMs: 5,
  };
}
