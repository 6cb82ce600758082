import { describe, expect, it } from 'vitest';
import { assembleTick, type TickMember } from './assemble-tick';
import { DEFAULT_THRESHOLDS } from './classify-status';
import type { ReplicationSlot, WalArchiver, WalSender } from '@/lib/members/status';
import type { MemberView } from './member-view';
import type { MemberPollResult } from './poll-member';

const members: TickMember[] = [
  { hostId: 1, name: 'pg1', role: 'primary', applicationName: 'pg1', address: '10.88.0.11' },
  { hostId: 2, name: 'pg2', role: 'replica', applicationName: 'pg2', address: '10.88.0.12' },
  { hostId: 3, name: 'pg3', role: 'replica', applicationName: 'pg3', address: '10.88.0.13' },
];

const primaryView: MemberView = { inRecovery: false, currentLsn: '0/5000000', receiveLsn: null, replayLsn: null, replayPaused: null, lastReplayAt: null, receiverStatus: null };
const standbyView: MemberView = { inRecovery: true, currentLsn: null, receiveLsn: '0/5000000', replayLsn: '0/5000000', replayPaused: false, lastReplayAt: null, receiverStatus: 'streaming' };

function sender(name: string, overrides: Partial<WalSender> = {}): WalSender {
  return { applicationName: name, clientAddr: null, usename: 'replicator', state: 'streaming', syncState: 'async', slotName: null, sentBytes: 0, writeBytes: 0, flushBytes: 0, replayBytes: 0, replayLsn: '0/5000000', writeLagMs: null, flushLagMs: null, replayLagMs: null, replyAgeMs: 100, ...overrides };
}

const archiver: WalArchiver = {
  archiveMode: 'on', archivedCount: 40, lastArchivedWal: '000000010000000000000004', lastArchivedAt: new Date('2026-11-22T07:59:40Z'),
  failedCount: 0, lastFailedWal: null, lastFailedAt: null, readySegments: 0, walDirectoryBytes: 83_886_080,
};

function answered(view: MemberView, walSenders: WalSender[] = [], slots: ReplicationSlot[] = [], heartbeatAgeMs: number | null = null, archived: WalArchiver = archiver): MemberPollResult {
  return { ok: true, answer: { view, walSenders, slots, archiver: archived, heartbeatAgeMs, heartbeatError: null }, durationMs: 2 };
}

const down: MemberPollResult = { ok: false, error: 'Nothing accepts PostgreSQL connections', durationMs: 1 };
const at = new Date('2026-11-22T08:00:00Z');

function assemble(results: [number, MemberPollResult][], disk: { hostId: number | null; freeBytes: number | null } = { hostId: 1, freeBytes: 5e9 }) {
  return assembleTick({ clusterId: 9, clusterName: 'orders', at, members, results: new Map(results), disk, durationMs: 4 }, new Map(), DEFAULT_THRESHOLDS);
}

describe('assembleTick', () => {
  it('takes walsenders and slots from the recorded primary and gives each replica one sample, idle lags null', () => {
    const slot: ReplicationSlot = { slotName: 'tandem_pg2', active: true, retainedBytes: 1024, walStatus: 'reserved', safeWalSize: null };
    const { tick } = assemble([
      [1, answered(primaryView, [sender('pg2', { replayBytes: 512, replayLagMs: 3 }), sender('pg3')], [slot])],
      [2, answered(standbyView, [], [], 40)],
      [3, answered(standbyView)],
    ]);
    expect(tick.sourceHostId).toBe(1);
    expect(tick.primaryLsn).toBe('0/5000000');
    expect(tick.writableHostIds).toEqual([1]);
    expect(tick.replicas.map((r) => [r.hostId, r.status, r.replayBytes, r.replayLagMs, r.writeLagMs, r.heartbeatLagMs])).toEqual([[2, 'streaming', 512, 3, null, 40], [3, 'streaming', 0, null, null, null]]);
    expect(tick.slots).toEqual([{ clusterId: 9, at, slotName: 'tandem_pg2', active: true, retainedBytes: 1024, walStatus: 'reserved', safeWalSize: null, diskFreeBytes: 5e9 }]);
  });

  it('reports the primary unreachable with its reason and falls back on the replicas\' own view', () => {
    const { tick } = assemble([[1, down], [2, answered(standbyView)], [3, answered({ ...standbyView, receiverStatus: null })]]);
    expect(tick.members[0]).toMatchObject({ hostName: 'pg1', reachable: false, error: 'Nothing accepts PostgreSQL connections', inRecovery: null });
    expect(tick.primaryLsn).toBeNull();
    expect(tick.replicas.map((r) => r.status)).toEqual(['streaming', 'disconnected']);
  });

  it('after a failover Tandem did not make, reads walsenders from the writable member and shows the old primary as a replica', () => {
    const { tick } = assemble([[1, answered(standbyView)], [2, answered(primaryView, [sender('pg1'), sender('pg3')])], [3, answered(standbyView)]]);
    expect(tick.sourceHostId).toBe(2);
    expect(tick.recordedPrimaryHostId).toBe(1);
    expect(tick.writableHostIds).toEqual([2]);
    expect(tick.replicas.map((r) => [r.hostId, r.status])).toEqual([[1, 'streaming'], [3, 'streaming']]);
  });

  it("carries each member's own archiver into the tick, null for a member that did not answer", () => {
    const idle: WalArchiver = { ...archiver, archivedCount: 0, lastArchivedWal: null, lastArchivedAt: null, walDirectoryBytes: 50_331_648 };
    const { tick } = assemble([[1, answered(primaryView)], [2, answered(standbyView, [], [], null, idle)], [3, down]]);
    expect(tick.members.map((member) => [member.hostName, member.archiver])).toEqual([['pg1', archiver], ['pg2', idle], ['pg3', null]]);
  });

  it('gives slots the free disk only when it was measured on the host the slots come from', () => {
    const slot: ReplicationSlot = { slotName: 'tandem_pg1', active: false, retainedBytes: 4096, walStatus: 'reserved', safeWalSize: null };
    const promoted: [number, MemberPollResult][] = [[1, down], [2, answered(primaryView, [], [slot])], [3, answered(standbyView)]];
    expect(assemble(promoted, { hostId: 1, freeBytes: 5e9 }).tick.slots.map((s) => s.diskFreeBytes)).toEqual([null]);
    expect(assemble(promoted, { hostId: 2, freeBytes: 7e10 }).tick.slots.map((s) => s.diskFreeBytes)).toEqual([7e10]);
  });
});
