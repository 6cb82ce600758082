import { describe, expect, it } from 'vitest';
import { classifyReplica, worseStatus, type ReplayHistory, type ReplicaObservation } from './classify-status';
import type { WalSender } from '@/lib/members/status';
import type { MemberView } from './member-view';

const thresholds = { stallMs: 10_000, catchUpBytes: 1_000_000 };

function sender(overrides: Partial<WalSender> = {}): WalSender {
  return {
    applicationName: 'pg2', clientAddr: '10.88.0.12', usename: 'replicator', state: 'streaming', syncState: 'async', slotName: null,
    sentBytes: 0, writeBytes: 0, flushBytes: 0, replayBytes: 0, replayLsn: '0/3000000',
    writeLagMs: null, flushLagMs: null, replayLagMs: null, replyAgeMs: 200, ...overrides,
  };
}

function view(overrides: Partial<MemberView> = {}): MemberView {
  return { inRecovery: true, currentLsn: null, receiveLsn: '0/3000000', replayLsn: '0/3000000', replayPaused: false, lastReplayAt: null, receiverStatus: 'streaming', ...overrides };
}

function observe(overrides: Partial<ReplicaObservation> = {}): ReplicaObservation {
  return { atMs: 100_000, primaryAnswered: true, replicaAnswered: true, walSender: sender(), view: view(), ...overrides };
}

/** Runs observations in order, threading the history as the poller does; returns every status. */
function run(observations: ReplicaObservation[], start: ReplayHistory | null = null) {
  let history = start;
  return observations.map((observation) => {
    const result = classifyReplica(observation, history, thresholds);
    history = result.history;
    return result.status;
  });
}

describe('classifyReplica', () => {
  it('streaming when the walsender streams and replies are fresh, idle lags staying null', () => {
    expect(run([observe()])).toEqual(['streaming']);
  });

  it('a partitioned replica: unreachable to Tandem, then stalled once replies are older than the threshold, then disconnected when the row goes', () => {
    const cut = (atMs: number, replyAgeMs: number): ReplicaObservation =>
      observe({ atMs, replicaAnswered: false, view: null, walSender: sender({ replyAgeMs, replayBytes: 4096 * (atMs / 1000), replayLsn: '0/3000000' }) });
    const statuses = run([observe({ atMs: 0, walSender: sender({ replayLsn: '0/3000000' }) }), cut(1_000, 1_000), cut(5_000, 5_000), cut(11_000, 11_000), cut(20_000, 20_000)]);
    expect(statuses).toEqual(['streaming', 'unreachable', 'unreachable', 'stalled', 'stalled']);
    expect(run([observe({ walSender: null, replicaAnswered: false, view: null })])).toEqual(['disconnected']);
  });

  it('stalled when replay stands still while the primary has WAL the replica lacks, even with fresh replies', () => {
    const stuck = (atMs: number): ReplicaObservation => observe({ atMs, walSender: sender({ replayBytes: 50_000, replayLsn: '0/3000000' }) });
    expect(run([stuck(0), stuck(5_000), stuck(10_500)])).toEqual(['streaming', 'streaming', 'stalled']);
    const moving = (atMs: number, lsn: string): ReplicaObservation => observe({ atMs, walSender: sender({ replayBytes: 50_000, replayLsn: lsn }) });
    expect(run([moving(0, '0/1'), moving(6_000, '0/2'), moving(12_000, '0/3')])).toEqual(['streaming', 'streaming', 'streaming']);
  });

  it('an idle primary with nothing to replay is not stalled however long the LSN stays', () => {
    expect(run([observe({ atMs: 0 }), observe({ atMs: 60_000 })])).toEqual(['streaming', 'streaming']);
  });

  it('disconnected when the replica answers but its walsender row is gone', () => {
    expect(run([observe({ walSender: null, view: view({ receiverStatus: null }) })])).toEqual(['disconnected']);
  });

  it('replay paused wins over a standing replay LSN', () => {
    const paused = (atMs: number): ReplicaObservation => observe({ atMs, view: view({ replayPaused: true }), walSender: sender({ replayBytes: 9_000 }) });
    expect(run([paused(0), paused(30_000)])).toEqual(['replay paused', 'replay paused']);
  });

  it('catching up in state catchup, or when a large lag shrinks', () => {
    expect(run([observe({ walSender: sender({ state: 'catchup' }) })])).toEqual(['catching up']);
    const lag = (atMs: number, bytes: number, lsn: string): ReplicaObservation => observe({ atMs, walSender: sender({ replayBytes: bytes, replayLsn: lsn }) });
    expect(run([lag(0, 9_000_000, '0/1'), lag(1_000, 5_000_000, '0/2'), lag(2_000, 6_000_000, '0/3')])).toEqual(['streaming', 'catching up', 'streaming']);
  });

  it('without the primary, falls back on the replica\'s own view', () => {
    expect(run([observe({ primaryAnswered: false, walSender: null })])).toEqual(['streaming']);
    expect(run([observe({ primaryAnswered: false, walSender: null, view: view({ receiverStatus: 'waiting' }) })])).toEqual(['disconnected']);
    expect(run([observe({ primaryAnswered: false, walSender: null, replicaAnswered: false, view: null })])).toEqual(['unreachable']);
  });

  it('orders statuses by severity', () => {
    expect(worseStatus('streaming', 'stalled')).toBe('stalled');
    expect(worseStatus('unreachable', 'disconnected')).toBe('unreachable');
  });
});
