import { describe, expect, it } from 'vitest';
import { makeMember, makeTick } from '@/lib/alerts/tick-builders';
import { memberStatesFromTick, topologySignature } from './tick-member-states';

const tick = makeTick(0);
const at = tick.at.getTime();

describe('memberStatesFromTick', () => {
  it('gives each member the state the poller saw: reachable, in recovery, the replica\'s WAL receiver', () => {
    const down = { ...tick, members: [makeMember({ reachable: false, error: 'connection timed out', inRecovery: null }), tick.members[1]!] };
    expect(memberStatesFromTick({ tick: down, pollIntervalMs: 1_000 }, [1, 2], at + 1000)).toEqual(new Map([
      [1, { reachable: false, error: 'connection timed out' }],
      [2, { reachable: true, inRecovery: true, receiver: 'streaming' }],
    ]));
  });

  it('gives nothing for a missing or stale tick, or one without every member, so the page asks the members', () => {
    expect(memberStatesFromTick(undefined, [1, 2], at)).toBeNull();
    expect(memberStatesFromTick({ tick, pollIntervalMs: 1_000 }, [1, 2], at + 13_000)).toBeNull();
    expect(memberStatesFromTick({ tick, pollIntervalMs: 1_000 }, [1, 2, 3], at)).toBeNull();
  });
});

describe('topologySignature', () => {
  it('changes when a member goes down, starts accepting writes or its WAL receiver stops', () => {
    const base = topologySignature(tick);
    expect(topologySignature(makeTick(0, { primaryReachable: false }))).not.toBe(base);
    expect(topologySignature({ ...tick, members: [tick.members[0]!, makeMember({ hostId: 2, hostName: 'pg2', inRecovery: false })] })).not.toBe(base);
    expect(topologySignature(makeTick(0, { replicas: [{ receiverStatus: null }] }))).not.toBe(base);
  });

  it('stays the same across ticks that differ only in time, lag and error wording', () => {
    const later = makeTick(30, { replicas: [{ replayBytes: 5e6, replayLagMs: 900 }] });
    expect(topologySignature(later)).toBe(topologySignature(tick));
    const timedOut = makeTick(0, { primaryReachable: false });
    const refused = { ...timedOut, members: [makeMember({ reachable: false, error: 'connection refused', inRecovery: null }), timedOut.members[1]!] };
    expect(topologySignature(refused)).toBe(topologySignature(timedOut));
  });
});
