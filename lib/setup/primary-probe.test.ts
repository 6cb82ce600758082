import { describe, expect, it } from 'vitest';
import type { WalSender } from '@/lib/members/status';
import { makePrimaryStatus } from '@/lib/members/testing/make-status';
import { primaryProbeOf } from './primary-probe';

const sender: WalSender = {
  applicationName: 'pg2', clientAddr: '10.88.0.12', usename: 'replicator', state: 'streaming', syncState: 'async', slotName: 'tandem_pg2',
  sentBytes: 0, writeBytes: 0, flushBytes: 0, replayBytes: 0, replayLsn: '0/5000000', writeLagMs: null, flushLagMs: null, replayLagMs: null, replyAgeMs: 10,
};

describe('primaryProbeOf', () => {
  it('takes the headroom, the walsender and slot names and the risky settings preflight checks', () => {
    const status = makePrimaryStatus({
      walSenders: [sender],
      slots: [{ slotName: 'tandem_pg2', active: true, retainedBytes: 0, walStatus: 'reserved', safeWalSize: null }, { slotName: 'old', active: false, retainedBytes: null, walStatus: 'lost', safeWalSize: null }],
    });
    expect(primaryProbeOf({ ...status, settings: { ...status.settings, maxWalSenders: 4, fsync: 'off', synchronousCommit: 'local' } })).toEqual({
      maxWalSenders: 4, maxReplicationSlots: 10, walSenderNames: ['pg2'], slotNames: ['tandem_pg2', 'old'], fsync: 'off', fullPageWrites: 'on', synchronousCommit: 'local',
    });
  });
});
