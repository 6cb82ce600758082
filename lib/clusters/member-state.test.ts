import { describe, expect, it } from 'vitest';
import { makePrimaryStatus, makeStandbyStatus } from '@/lib/members/testing/make-status';
import { memberStateOf } from './member-state';

describe('memberStateOf', () => {
  it('shows a member read directly: its role, its WAL receiver, or why it did not answer', () => {
    expect(memberStateOf({ reachable: true, status: makeStandbyStatus() })).toEqual({ reachable: true, inRecovery: true, receiver: 'streaming' });
    expect(memberStateOf({ reachable: true, status: makeStandbyStatus({ receiver: null }) })).toEqual({ reachable: true, inRecovery: true, receiver: null });
    expect(memberStateOf({ reachable: true, status: makePrimaryStatus() })).toEqual({ reachable: true, inRecovery: false, receiver: null });
    expect(memberStateOf({ reachable: false, error: 'connection timed out' })).toEqual({ reachable: false, error: 'connection timed out' });
  });
});
