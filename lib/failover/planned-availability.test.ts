import { describe, expect, it } from 'vitest';
import { plannedFailoverUnavailable } from './planned-availability';

describe('plannedFailoverUnavailable', () => {
  it('says why when the primary does not answer or is in recovery', () => {
    expect(plannedFailoverUnavailable('pg1', { reachable: false, error: 'No SSH answer from pg1 within 3 s.' }))
      .toBe('pg1, the primary, does not answer: a switchover or a drill needs a running primary; use Promote.');
    expect(plannedFailoverUnavailable('pg1', { reachable: true, inRecovery: true, receiver: null })).toMatch(/^pg1, the primary, is in recovery and takes no writes: .*use Promote\.$/);
  });

  it('offers the forms for a running primary, and when its state was not read', () => {
    expect(plannedFailoverUnavailable('pg1', { reachable: true, inRecovery: false, receiver: null })).toBeNull();
    expect(plannedFailoverUnavailable('pg1', undefined)).toBeNull();
  });
});
