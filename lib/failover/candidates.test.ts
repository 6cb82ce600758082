import { describe, expect, it } from 'vitest';
import { aheadOf, assessCandidates } from './candidates';
import { bytesBehind, formatLsn, parseLsn } from './lsn';
import type { MemberReading } from './types';

function member(name: string, overrides: Partial<MemberReading> = {}): MemberReading {
  return {
    hostId: Number(name.slice(2)), name, address: `10.88.0.1${name.slice(2)}`, pgPort: 5432, role: 'replica', fenced: false, reachable: true, error: null,
    inRecovery: true, currentLsn: null, receiveLsn: '0/3000000', replayLsn: '0/3000000', lastReplayAt: '2026-11-22T08:00:00.000Z', timeline: 1, receivedTli: 1,
    receiverStatus: 'streaming', senderHost: '10.88.0.11', slotName: `tandem_${name}`, replayPaused: false, dataDirectory: '/var/lib/postgresql/15/main', ...overrides,
  };
}
const primary = (overrides: Partial<MemberReading> = {}) => member('pg1', { role: 'primary', inRecovery: false, currentLsn: '0/3000000', receiveLsn: null, replayLsn: null, ...overrides });
const at = new Date('2026-11-22T08:00:01Z');

describe('lsn', () => {
  it('parses, formats and subtracts LSNs', () => {
    expect(parseLsn('1/0')).toBe(4294967296n);
    expect(formatLsn(parseLsn('16/B374D848'))).toBe('16/B374D848');
    expect(bytesBehind('0/3000100', '0/3000000')).toBe(256);
    expect(bytesBehind('0/3000000', '0/3000100')).toBe(0);
  });
});

describe('assessCandidates', () => {
  it('measures against the reachable primary and recommends the replica holding the most WAL', () => {
    const result = assessCandidates([primary({ currentLsn: '0/4000000' }), member('pg2', { receiveLsn: '0/3F00000', replayLsn: '0/3E00000' }), member('pg3', { receiveLsn: '0/3800000', replayLsn: '0/3800000' })], null, at);
    expect(result.referenceSource).toBe('primary');
    expect(result.recommended).toBe('pg2');
    expect(result.candidates.map((candidate) => [candidate.name, candidate.lossBytes, candidate.replayLagBytes])).toEqual([['pg2', 0x100000, 0x200000], ['pg3', 0x800000, 0x800000]]);
    expect(result.why).toMatch(/^Recommended: pg2 holds the most WAL \(0\/3F00000\), 1 MiB behind the primary’s current position\. pg3 is 8 MiB behind\.$/);
  });

  it('falls back to the newest position a replica received when the primary is down, then to a later stored one', () => {
    const down = primary({ reachable: false, error: 'timed out', inRecovery: null, currentLsn: null });
    const readings = [down, member('pg2', { receiveLsn: '0/5000000', replayLsn: '0/5000000' }), member('pg3', { receiveLsn: '0/4000000', replayLsn: '0/4000000' })];
    const fromReplicas = assessCandidates(readings, null, at);
    expect(fromReplicas).toMatchObject({ referenceLsn: '0/5000000', referenceSource: 'replicas', recommended: 'pg2', primary: { reachable: false, writable: false } });
    expect(fromReplicas.candidates[0]?.lossBytes).toBe(0);
    const fromStore = assessCandidates(readings, '0/5000100', at);
    expect(fromStore).toMatchObject({ referenceLsn: '0/5000100', referenceSource: 'stored' });
    expect(fromStore.candidates[0]?.lossBytes).toBe(256);
  });

  it('breaks a tie on WAL held by replay, then by the most recent replay', () => {
    const tie = assessCandidates([primary(), member('pg2', { replayLsn: '0/2F00000' }), member('pg3')], null, at);
    expect(tie.recommended).toBe('pg3');
    const time = assessCandidates([primary(), member('pg2', { lastReplayAt: '2026-11-22T07:00:00.000Z' }), member('pg3')], null, at);
    expect(time.recommended).toBe('pg3');
  });

  it('never recommends an unreachable, fenced or writable member, and says why when none is left', () => {
    const result = assessCandidates([
      primary(),
      member('pg2', { reachable: false, error: 'connection refused', inRecovery: null, receiveLsn: null, replayLsn: null }),
      member('pg3', { fenced: true, receiveLsn: '0/9000000' }),
      member('pg4', { inRecovery: false }),
    ], null, at);
    expect(result.recommended).toBeNull();
    expect(result.why).toBe('No replica can be promoted now: pg3 is fenced after an earlier failover; rejoin it first; pg4 is not in recovery: it already accepts writes; pg2 does not answer (connection refused).');
  });

  it('names the replicas ahead of a chosen candidate: they need a rejoin, not a re-point', () => {
    const result = assessCandidates([primary({ currentLsn: '0/4000000' }), member('pg2', { receiveLsn: '0/3F00000', replayLsn: '0/3E00000' }), member('pg3', { receiveLsn: '0/3800000', replayLsn: '0/3800000' })], null, at);
    expect(aheadOf(result, 'pg3')).toEqual(['pg2']);
    expect(aheadOf(result, 'pg2')).toEqual([]);
  });
});
