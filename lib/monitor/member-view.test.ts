import { describe, expect, it } from 'vitest';
import { makeStandbyStatus } from '@/lib/members/testing/make-status';
import { memberViewOf } from './member-view';

describe('memberViewOf', () => {
  it('keeps a standby\'s positions and its WAL receiver\'s status, none when no receiver runs', () => {
    const standby = makeStandbyStatus();
    expect(memberViewOf(standby)).toEqual({
      inRecovery: true, currentLsn: null, receiveLsn: '0/5000000', replayLsn: '0/4FFFFF0', replayPaused: false, lastReplayAt: standby.lastReplayAt, receiverStatus: 'streaming',
    });
    expect(memberViewOf({ ...standby, receiver: null }).receiverStatus).toBeNull();
  });
});
