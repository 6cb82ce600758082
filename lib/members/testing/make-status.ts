import type { MemberStatus } from '../status';

/** Test builder: a PostgreSQL 16 standby streaming from 10.88.0.11 on slot tandem_pg2. */
export function makeStandbyStatus(overrides: Partial<MemberStatus> = {}): MemberStatus {
  return {
    inRecovery: true, currentLsn: null, receiveLsn: '0/5000000', replayLsn: '0/4FFFFF0', lastReplayAt: new Date('2026-11-22T08:00:00Z'), timeline: 1, replayPaused: false,
    receiver: { status: 'streaming', senderHost: '10.88.0.11', slotName: 'tandem_pg2', receivedTli: 1 },
    walSenders: [], slots: [],
    archiver: {
      archiveMode: 'off', archivedCount: 0, lastArchivedWal: null, lastArchivedAt: null, failedCount: 0, lastFailedWal: null, lastFailedAt: null,
      readySegments: 0, walDirectoryBytes: 4 * 16_777_216,
    },
    settings: {
      serverVersionNum: 160004, dataDirectory: '/var/lib/postgresql/16/main', walLevel: 'replica', hotStandby: 'on', maxWalSenders: 10, maxReplicationSlots: 10,
      synchronousStandbyNames: '', synchronousCommit: 'on', fsync: 'on', fullPageWrites: 'on',
    },
    ...overrides,
  };
}

/** Test builder: a writable PostgreSQL 16 primary at 0/5000000 with no walsender or slot. */
export function makePrimaryStatus(overrides: Partial<MemberStatus> = {}): MemberStatus {
  return makeStandbyStatus({ inRecovery: false, currentLsn: '0/5000000', receiveLsn: null, replayLsn: null, lastReplayAt: null, replayPaused: null, receiver: null, ...overrides });
}
