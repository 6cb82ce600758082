import { describe, expect, it } from 'vitest';
import type { WalSender } from '@/lib/members/status';
import { makePrimaryStatus, makeStandbyStatus } from '@/lib/members/testing/make-status';
import { importFacts } from './import-parse';

const sender: WalSender = {
  applicationName: '15/main', clientAddr: '10.88.0.12', usename: 'replicator', state: 'streaming', syncState: null, slotName: null,
  sentBytes: 0, writeBytes: 0, flushBytes: 0, replayBytes: 0, replayLsn: '0/5000000', writeLagMs: null, flushLagMs: null, replayLagMs: null, replyAgeMs: 10,
};

describe('import facts from a member status', () => {
  it('reads a primary: major version, sync names and walsenders, missing values as unknown', () => {
    const status = makePrimaryStatus({ walSenders: [sender, { ...sender, state: null, usename: null, slotName: 'hand_pg3' }] });
    expect(importFacts({ ...status, settings: { ...status.settings, serverVersionNum: 150004, synchronousStandbyNames: 'ANY 1 (pg2)' } })).toEqual({
      major: 15, inRecovery: false, synchronousStandbyNames: 'ANY 1 (pg2)', receiver: null,
      walSenders: [
        { clientAddr: '10.88.0.12', applicationName: '15/main', state: 'streaming', syncState: 'unknown', usename: 'replicator', slotName: null },
        { clientAddr: '10.88.0.12', applicationName: '15/main', state: 'unknown', syncState: 'unknown', usename: '', slotName: 'hand_pg3' },
      ],
    });
  });

  it('reads a standby\'s WAL receiver and the host it streams from', () => {
    expect(importFacts(makeStandbyStatus()).receiver).toEqual({ status: 'streaming', senderHost: '10.88.0.11' });
    expect(importFacts(makeStandbyStatus({ receiver: { status: null, senderHost: null, slotName: null, receivedTli: null } })).receiver).toEqual({ status: 'unknown', senderHost: null });
    expect(importFacts(makeStandbyStatus({ receiver: null })).receiver).toBeNull();
  });
});
