import { describe, expect, it } from 'vitest';
import { RowShapeError, type SqlRow } from '@/lib/pg/sql';
import { conninfoHost, parseMemberStatus } from './parse-status';
import { majorOf } from './status';
import { MEMBER_STATUS_SQL } from './status-sql';

/** The settings columns as psql prints them for a PostgreSQL 16 member. */
const settings = {
  server_version_num: '160004', data_directory: '/var/lib/postgresql/16/main', wal_level: 'replica', hot_standby: 'on',
  max_wal_senders: '10', max_replication_slots: '10', synchronous_standby_names: '', synchronous_commit: 'on', fsync: 'on', full_page_writes: 'on',
};

/** One element of the walsenders JSON column. */
const pg2Sender = {
  application_name: 'pg2', client_addr: '10.88.0.12', usename: 'replicator', state: 'streaming', sync_state: 'async', slot_name: 'tandem_pg2',
  sent_bytes: 0, write_bytes: 128, flush_bytes: 128, replay_bytes: 4096, replay_lsn: '0/5000048',
  write_lag_ms: null, flush_lag_ms: null, replay_lag_ms: 12, reply_age_ms: 840,
};

/** The archiver column of a primary archiving with pgBackRest: two failures earlier, the last success after them. */
const archiving = {
  archive_mode: 'on', archived_count: 1287, last_archived_wal: '000000010000000A00000051', last_archived_ms: 1795334397512,
  failed_count: 2, last_failed_wal: '000000010000000A0000003F', last_failed_ms: 1795330123004, ready_segments: 1, wal_directory_bytes: 1157627904,
};

/** The archiver column of a member that never archived (a standby with archive_mode on: its archiver is idle). */
const neverArchived = {
  archive_mode: 'on', archived_count: 0, last_archived_wal: null, last_archived_ms: null,
  failed_count: 0, last_failed_wal: null, last_failed_ms: null, ready_segments: 0, wal_directory_bytes: 536870912,
};

const primaryRow: SqlRow = {
  in_recovery: 'f', current_lsn: '0/5000148', receive_lsn: null, replay_lsn: null, last_replay_ms: null, timeline: '1', replay_paused: null, receiver: null,
  walsenders: JSON.stringify([
    pg2Sender,
    {
      application_name: 'walreceiver', client_addr: '10.88.0.13', usename: 'replicator', state: 'catchup', sync_state: 'async', slot_name: null,
      sent_bytes: 16777216, write_bytes: 16777216, flush_bytes: 16777216, replay_bytes: 16777216, replay_lsn: '0/4000148',
      write_lag_ms: 1500, flush_lag_ms: 1600, replay_lag_ms: 1700, reply_age_ms: 20,
    },
  ]),
  slots: JSON.stringify([
    { slot_name: 'tandem_pg2', active: true, retained_bytes: 16777216, wal_status: 'reserved', safe_wal_size: null },
    { slot_name: 'tandem_pg3', active: false, retained_bytes: null, wal_status: 'lost', safe_wal_size: null },
  ]),
  archiver: JSON.stringify(archiving),
  ...settings,
};

/** `to_jsonb(pg_stat_wal_receiver)` on PostgreSQL 16, as the query returns it. */
const streamingReceiver = {
  pid: 4711, status: 'streaming', receive_start_lsn: '0/3000000', receive_start_tli: 1, written_lsn: '0/5000148', flushed_lsn: '0/5000148', received_tli: 1,
  last_msg_send_time: '2026-11-22T08:00:00.120431+00:00', last_msg_receipt_time: '2026-11-22T08:00:00.121077+00:00', latest_end_lsn: '0/5000148',
  latest_end_time: '2026-11-22T07:59:58.004215+00:00', slot_name: 'tandem_pg2', sender_host: '10.88.0.11', sender_port: 5432,
  conninfo: 'user=replicator password=******** channel_binding=prefer dbname=replication host=10.88.0.11 port=5432 application_name=pg2',
};

const standbyRow: SqlRow = {
  in_recovery: 't', current_lsn: null, receive_lsn: '0/5000148', replay_lsn: '0/5000148', last_replay_ms: '1795334399880', timeline: '1', replay_paused: 'f',
  receiver: JSON.stringify(streamingReceiver), walsenders: '[]', slots: '[]', archiver: JSON.stringify(neverArchived), ...settings,
};

describe('parseMemberStatus', () => {
  it('reads a primary: its LSN, walsenders with their slots (NULL lags stay null: idle, never 0), slots and settings', () => {
    const status = parseMemberStatus([primaryRow]);
    expect(status).toMatchObject({ inRecovery: false, currentLsn: '0/5000148', receiveLsn: null, replayLsn: null, lastReplayAt: null, timeline: 1, replayPaused: null, receiver: null });
    expect(status.walSenders[0]).toEqual({
      applicationName: 'pg2', clientAddr: '10.88.0.12', usename: 'replicator', state: 'streaming', syncState: 'async', slotName: 'tandem_pg2',
      sentBytes: 0, writeBytes: 128, flushBytes: 128, replayBytes: 4096, replayLsn: '0/5000048', writeLagMs: null, flushLagMs: null, replayLagMs: 12, replyAgeMs: 840,
    });
    expect(status.walSenders[1]).toMatchObject({ applicationName: 'walreceiver', state: 'catchup', slotName: null, replayBytes: 16777216 });
    expect(status.slots).toEqual([
      { slotName: 'tandem_pg2', active: true, retainedBytes: 16777216, walStatus: 'reserved', safeWalSize: null },
      { slotName: 'tandem_pg3', active: false, retainedBytes: null, walStatus: 'lost', safeWalSize: null },
    ]);
    expect(status.settings).toEqual({
      serverVersionNum: 160004, dataDirectory: '/var/lib/postgresql/16/main', walLevel: 'replica', hotStandby: 'on', maxWalSenders: 10, maxReplicationSlots: 10,
      synchronousStandbyNames: '', synchronousCommit: 'on', fsync: 'on', fullPageWrites: 'on',
    });
    expect(majorOf(status.settings)).toBe(16);
  });

  it("reads a primary's archiver: archive_mode, counts, last archived and failed WAL with their times, segments waiting and pg_wal's size", () => {
    expect(parseMemberStatus([primaryRow]).archiver).toEqual({
      archiveMode: 'on', archivedCount: 1287, lastArchivedWal: '000000010000000A00000051', lastArchivedAt: new Date('2026-11-22T07:59:57.512Z'),
      failedCount: 2, lastFailedWal: '000000010000000A0000003F', lastFailedAt: new Date('2026-11-22T06:48:43.004Z'), readySegments: 1, walDirectoryBytes: 1157627904,
    });
  });

  it('reads an archiver that never archived (NULL names and times stay null) and one whose only attempts failed', () => {
    expect(parseMemberStatus([standbyRow]).archiver).toEqual({
      archiveMode: 'on', archivedCount: 0, lastArchivedWal: null, lastArchivedAt: null, failedCount: 0, lastFailedWal: null, lastFailedAt: null, readySegments: 0, walDirectoryBytes: 536870912,
    });
    const failing = { ...neverArchived, archive_mode: 'always', failed_count: 7, last_failed_wal: '000000010000000000000003', last_failed_ms: 1795334390000, ready_segments: 3 };
    expect(parseMemberStatus([{ ...standbyRow, archiver: JSON.stringify(failing) }]).archiver).toMatchObject({
      archiveMode: 'always', failedCount: 7, lastFailedWal: '000000010000000000000003', lastFailedAt: new Date('2026-11-22T07:59:50.000Z'), lastArchivedAt: null, readySegments: 3,
    });
  });

  it('reads a streaming standby: receive and replay LSNs, last replay time, its WAL receiver', () => {
    const status = parseMemberStatus([standbyRow]);
    expect(status).toMatchObject({ inRecovery: true, currentLsn: null, receiveLsn: '0/5000148', replayLsn: '0/5000148', timeline: 1, replayPaused: false, walSenders: [], slots: [] });
    expect(status.lastReplayAt?.toISOString()).toBe('2026-11-22T07:59:59.880Z');
    expect(status.receiver).toEqual({ status: 'streaming', senderHost: '10.88.0.11', slotName: 'tandem_pg2', receivedTli: 1 });
  });

  it('reads a disconnected standby: no WAL receiver, positions kept', () => {
    const status = parseMemberStatus([{ ...standbyRow, receiver: null, last_replay_ms: null }]);
    expect(status).toMatchObject({ inRecovery: true, receiveLsn: '0/5000148', receiver: null, lastReplayAt: null });
  });

  it('reads a standby whose replay is paused, and one whose receiver is restarting', () => {
    expect(parseMemberStatus([{ ...standbyRow, replay_paused: 't' }]).replayPaused).toBe(true);
    const restarting = parseMemberStatus([{ ...standbyRow, receiver: JSON.stringify({ ...streamingReceiver, status: 'waiting' }) }]);
    expect(restarting.receiver?.status).toBe('waiting');
  });

  it('takes the sender from conninfo where the server has no sender_host (PostgreSQL 10) and reads a receiver seen without pg_read_all_stats', () => {
    const pg10 = {
      pid: 812, status: 'streaming', receive_start_lsn: '0/3000000', receive_start_tli: 1, received_lsn: '0/5000148', received_tli: 2,
      last_msg_send_time: null, last_msg_receipt_time: null, latest_end_lsn: '0/5000148', latest_end_time: null, slot_name: null,
      conninfo: "user=replicator password=******** host='10.88.0.11' port=5432",
    };
    expect(parseMemberStatus([{ ...standbyRow, server_version_num: '100023', receiver: JSON.stringify(pg10) }]).receiver)
      .toEqual({ status: 'streaming', senderHost: '10.88.0.11', slotName: null, receivedTli: 2 });
    const hidden = { pid: 812, status: 'streaming', receive_start_lsn: null, received_tli: null, slot_name: null, sender_host: null, conninfo: null };
    expect(parseMemberStatus([{ ...standbyRow, receiver: JSON.stringify(hidden) }]).receiver).toEqual({ status: 'streaming', senderHost: null, slotName: null, receivedTli: null });
  });

  it('reads a primary before PostgreSQL 13 (no reply_time before 12, no wal_status or safe_wal_size): those figures are null', () => {
    const pg12 = {
      ...primaryRow, server_version_num: '120017',
      walsenders: JSON.stringify([{ ...pg2Sender, reply_age_ms: null }]),
      slots: JSON.stringify([{ slot_name: 'tandem_pg2', active: true, retained_bytes: 0, wal_status: null, safe_wal_size: null }]),
    };
    const status = parseMemberStatus([pg12]);
    expect(status.walSenders[0]?.replyAgeMs).toBeNull();
    expect(status.archiver.readySegments).toBe(1);
    expect(status.slots).toEqual([{ slotName: 'tandem_pg2', active: true, retainedBytes: 0, walStatus: null, safeWalSize: null }]);
    expect(majorOf(status.settings)).toBe(12);
  });

  it('reads a PostgreSQL 11 archiver: no pg_ls_archive_statusdir(), so no count of segments waiting', () => {
    const pg11 = { ...primaryRow, server_version_num: '110022', archiver: JSON.stringify({ ...archiving, ready_segments: null }) };
    expect(parseMemberStatus([pg11]).archiver).toMatchObject({ readySegments: null, walDirectoryBytes: 1157627904, archivedCount: 1287 });
  });

  it('refuses rows it does not understand instead of guessing', () => {
    expect(() => parseMemberStatus([])).toThrow(RowShapeError);
    expect(() => parseMemberStatus([primaryRow, primaryRow])).toThrow(/2 rows instead of one/);
    expect(() => parseMemberStatus([{ ...primaryRow, in_recovery: 'true' }])).toThrow(/in_recovery/);
    expect(() => parseMemberStatus([{ ...primaryRow, current_lsn: 'nonsense' }])).toThrow(/current_lsn/);
    expect(() => parseMemberStatus([{ ...primaryRow, walsenders: '[{' }])).toThrow(/walsenders/);
    expect(() => parseMemberStatus([{ ...primaryRow, slots: '[{"slot_name":"x","active":"t"}]' }])).toThrow(/slots/);
    expect(() => parseMemberStatus([{ ...primaryRow, archiver: null }])).toThrow(/archiver/);
    expect(() => parseMemberStatus([{ ...primaryRow, archiver: JSON.stringify({ ...archiving, archive_mode: 'yes' }) }])).toThrow(/archiver/);
    expect(() => parseMemberStatus([{ ...primaryRow, archiver: JSON.stringify({ ...archiving, failed_count: '2' }) }])).toThrow(/archiver/);
  });
});

describe('MEMBER_STATUS_SQL', () => {
  it('returns exactly the columns the parser reads, under those names', () => {
    const main = MEMBER_STATUS_SQL.slice(MEMBER_STATUS_SQL.indexOf('\nSELECT'));
    const aliases = [...main.matchAll(/ AS ([a-z_]+),?\n/g)].map((match) => match[1]);
    expect(aliases.sort()).toEqual(Object.keys(primaryRow).sort());
  });
});

describe('conninfoHost', () => {
  it('reads quoted and spaced conninfo hosts', () => {
    expect(conninfoHost("user=r host = 'db one' port=5432")).toBe('db one');
    expect(conninfoHost("host='it\\'s'")).toBe("it's");
    expect(conninfoHost('hostaddr=10.0.0.1 port=5432')).toBeNull();
  });
});
