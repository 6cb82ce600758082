import { describe, expect, it } from 'vitest';
import { findWalSender, parseDfAvail, parseMemberRow, parseSlotRows, parseWalSenderRows } from './parse-rows';

describe('parsing rows from the monitoring queries', () => {
  it('reads walsender rows: int8 strings to numbers, NULL lags kept as null (idle), never 0', () => {
    const [row] = parseWalSenderRows([{
      application_name: 'pg2', client_addr: '10.88.0.12', state: 'streaming', sync_state: 'async',
      sent_bytes: '0', write_bytes: '128', flush_bytes: '128', replay_bytes: '4096', replay_lsn: '0/3000148',
      write_lag_ms: null, flush_lag_ms: null, replay_lag_ms: '12', reply_age_ms: '840',
    }]);
    expect(row).toEqual({
      applicationName: 'pg2', clientAddr: '10.88.0.12', state: 'streaming', syncState: 'async', sentBytes: 0, writeBytes: 128, flushBytes: 128,
      replayBytes: 4096, replayLsn: '0/3000148', writeLagMs: null, flushLagMs: null, replayLagMs: 12, replyAgeMs: 840,
    });
  });

  it('reads a standby\'s view and a primary\'s', () => {
    const at = new Date('2026-11-22T08:00:00Z');
    expect(parseMemberRow({ in_recovery: true, current_lsn: null, receive_lsn: '0/5000000', replay_lsn: '0/4FFFFF0', replay_paused: false, last_replay_at: at, receiver_status: 'streaming' }))
      .toEqual({ inRecovery: true, currentLsn: null, receiveLsn: '0/5000000', replayLsn: '0/4FFFFF0', replayPaused: false, lastReplayAt: at, receiverStatus: 'streaming' });
    expect(parseMemberRow({ in_recovery: false, current_lsn: '0/5000000', receive_lsn: null, replay_lsn: null, replay_paused: null, last_replay_at: null, receiver_status: null }))
      .toMatchObject({ inRecovery: false, currentLsn: '0/5000000', replayPaused: null });
    expect(() => parseMemberRow(undefined)).toThrow(/no row/);
  });

  it('reads slots with unknown retention as null', () => {
    expect(parseSlotRows([{ slot_name: 'tandem_pg2', active: true, retained_bytes: '16777216', wal_status: 'reserved', safe_wal_size: '10720641024' }, { slot_name: 'x', active: false, retained_bytes: null, wal_status: 'lost', safe_wal_size: null }]))
      .toEqual([
        { slotName: 'tandem_pg2', active: true, retainedBytes: 16777216, walStatus: 'reserved', safeWalSize: 10720641024 },
        { slotName: 'x', active: false, retainedBytes: null, walStatus: 'lost', safeWalSize: null },
      ]);
  });

  it('matches a member\'s walsender by application_name, else by host(client_addr)', () => {
    const rows = parseWalSenderRows([{ application_name: 'walreceiver', client_addr: '10.88.0.13' }, { application_name: 'pg2', client_addr: '10.88.0.99' }]);
    expect(findWalSender(rows, { applicationName: 'pg2', address: '10.88.0.12' })?.clientAddr).toBe('10.88.0.99');
    expect(findWalSender(rows, { applicationName: 'pg3', address: '10.88.0.13' })?.applicationName).toBe('walreceiver');
    expect(findWalSender(rows, { applicationName: 'pg4', address: '10.88.0.14' })).toBeNull();
  });

  it('reads df -B1 --output=avail', () => {
    expect(parseDfAvail('    Avail\n52613349376\n')).toBe(52613349376);
    expect(parseDfAvail('df: /nope: No such file or directory\n')).toBeNull();
  });
});
