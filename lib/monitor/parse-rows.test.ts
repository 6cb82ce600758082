import { describe, expect, it } from 'vitest';
import type { WalSender } from '@/lib/members/status';
import { findWalSender, parseDfAvail } from './parse-rows';

function sender(applicationName: string, clientAddr: string | null): WalSender {
  return {
    applicationName, clientAddr, usename: 'replicator', state: 'streaming', syncState: 'async', slotName: null, sentBytes: 0, writeBytes: 0, flushBytes: 0,
    replayBytes: 0, replayLsn: '0/3000148', writeLagMs: null, flushLagMs: null, replayLagMs: null, replyAgeMs: 100,
  };
}

describe('monitor row helpers', () => {
  it('matches a member\'s walsender by application_name, else by host(client_addr)', () => {
    const rows = [sender('walreceiver', '10.88.0.13'), sender('pg2', '10.88.0.99')];
    expect(findWalSender(rows, { applicationName: 'pg2', address: '10.88.0.12' })?.clientAddr).toBe('10.88.0.99');
    expect(findWalSender(rows, { applicationName: 'pg3', address: '10.88.0.13' })?.applicationName).toBe('walreceiver');
    expect(findWalSender(rows, { applicationName: 'pg4', address: '10.88.0.14' })).toBeNull();
  });

  it('reads df -B1 --output=avail', () => {
    expect(parseDfAvail('    Avail\n52613349376\n')).toBe(52613349376);
    expect(parseDfAvail('df: /nope: No such file or directory\n')).toBeNull();
  });
});
