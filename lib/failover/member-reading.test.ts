import { describe, expect, it } from 'vitest';
import type { FailoverMemberRecord } from './plan-types';
import { makePrimaryStatus, makeStandbyStatus } from '@/lib/members/testing/make-status';
import { memberReading } from './member-reading';

const record: FailoverMemberRecord = {
  hostId: 2, name: 'pg2', address: '10.88.0.12', pgPort: 5432, role: 'replica', applicationName: 'pg2', slotName: 'tandem_pg2', fenced: false, fencedAt: null,
  fenceReason: null, control: { kind: 'pg_ctlcluster', version: '16', name: 'main' }, dataDirectory: '/srv/recorded',
};

describe('memberReading', () => {
  it('reads a standby\'s positions, timeline and WAL receiver, and the data directory it reports', () => {
    expect(memberReading(record, { reachable: true, status: makeStandbyStatus({ replayPaused: true }) })).toEqual({
      hostId: 2, name: 'pg2', address: '10.88.0.12', pgPort: 5432, role: 'replica', fenced: false, reachable: true, error: null,
      inRecovery: true, currentLsn: null, receiveLsn: '0/5000000', replayLsn: '0/4FFFFF0', lastReplayAt: '2026-11-22T08:00:00.000Z', timeline: 1, receivedTli: 1,
      receiverStatus: 'streaming', senderHost: '10.88.0.11', slotName: 'tandem_pg2', replayPaused: true, dataDirectory: '/var/lib/postgresql/16/main',
    });
  });

  it('reads a writable member without a WAL receiver', () => {
    expect(memberReading(record, { reachable: true, status: makePrimaryStatus() })).toMatchObject({ inRecovery: false, currentLsn: '0/5000000', receiverStatus: null, senderHost: null, slotName: null, receivedTli: null });
  });

  it('keeps the first line of why a member did not answer, and its recorded data directory', () => {
    const reading = memberReading(record, { reachable: false, error: 'Cannot reach 10.88.0.12:22 over SSH.\nhint: check the firewall' });
    expect(reading).toMatchObject({ reachable: false, error: 'Cannot reach 10.88.0.12:22 over SSH.', inRecovery: null, replayLsn: null, dataDirectory: '/srv/recorded' });
  });
});
