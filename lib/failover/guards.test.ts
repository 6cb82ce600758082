import { describe, expect, it } from 'vitest';
import { checkConfirmations, checkPromote, type PromoteRequest } from './guards';
import type { Assessment, CandidateView } from './types';

function candidate(name: string, overrides: Partial<CandidateView> = {}): CandidateView {
  return {
    hostId: 2, name, healthy: true, problems: [], receiveLsn: '0/3000000', replayLsn: '0/3000000', replayLagBytes: 0, lossBytes: 0, lastReplayAt: null,
    timeline: 1, receivedTli: 1, receiverStatus: 'streaming', slotName: null, replayPaused: false, ...overrides,
  };
}
function assessment(overrides: Partial<Assessment> = {}): Assessment {
  return {
    readAt: '2026-11-22T08:00:00.000Z', primary: { hostId: 1, name: 'pg1', reachable: true, writable: true, currentLsn: '0/3000000', error: null },
    referenceLsn: '0/3000000', referenceSource: 'primary', candidates: [candidate('pg2')], recommended: 'pg2', why: '', ...overrides,
  };
}
const request = (overrides: Partial<PromoteRequest> = {}): PromoteRequest => ({ candidate: 'pg2', confirmName: 'orders', reason: 'disk failed', acknowledgeDown: false, overrideBytes: '', ...overrides });
const settings = { clusterName: 'orders', lagGuardBytes: 16 * 1024 * 1024 };

describe('checkPromote', () => {
  it('allows a caught-up candidate while the primary answers: the primary will be stopped', () => {
    expect(checkPromote(assessment(), request(), settings)).toMatchObject({ ok: true, fence: 'stop', overrideBytes: null });
  });

  it('asks for the cluster name and a reason', () => {
    const verdict = checkPromote(assessment(), request({ confirmName: 'order', reason: ' ' }), settings);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.refusals.map((refusal) => refusal.message)).toEqual(['Type the cluster name, orders, to confirm.', 'Say why you promote (kept in the audit log and on the operation).']);
  });

  it('needs an acknowledgement when the primary does not answer', () => {
    const down = assessment({ primary: { hostId: 1, name: 'pg1', reachable: false, writable: false, currentLsn: null, error: 'timed out' } });
    const verdict = checkPromote(down, request(), settings);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.refusals[0]?.message).toMatch(/^The primary pg1 does not answer \(timed out\), so Tandem cannot stop it\. Confirm that it is down or cut off/);
    expect(checkPromote(down, request({ acknowledgeDown: true }), settings)).toMatchObject({ ok: true, fence: 'acknowledged' });
  });

  it('refuses a candidate behind the lag guard unless the bytes at risk are typed (at least the current figure)', () => {
    const behind = assessment({ candidates: [candidate('pg2', { replayLagBytes: 20_000_000, lossBytes: 1000 })] });
    const verdict = checkPromote(behind, request(), settings);
    expect(verdict).toMatchObject({ ok: false, bytesAtRisk: 20_000_000 });
    if (!verdict.ok) expect(verdict.refusals[0]?.message).toBe("Lag guard: pg2's replay is 19.1 MiB (20000000 bytes) behind the last known primary position, more than this cluster's limit of 16 MiB. Committed transactions in those bytes may be lost. To promote anyway, type 20000000 in the override field.");
    expect(checkPromote(behind, request({ overrideBytes: '19999999' }), settings).ok).toBe(false);
    expect(checkPromote(behind, request({ overrideBytes: '20000000' }), settings)).toMatchObject({ ok: true, overrideBytes: 20_000_000 });
  });

  it('refuses an unhealthy candidate and one that is not a replica, saying which', () => {
    const unhealthy = assessment({ candidates: [candidate('pg2', { healthy: false, problems: ['does not answer (refused)'] })] });
    const verdict = checkPromote(unhealthy, request(), settings);
    if (verdict.ok) throw new Error('expected a refusal');
    expect(verdict.refusals[0]?.message).toBe('pg2 cannot be promoted: it does not answer (refused).');
    const missing = checkPromote(assessment(), request({ candidate: 'pg9' }), settings);
    if (missing.ok) throw new Error('expected a refusal');
    expect(missing.refusals[0]?.message).toBe('pg9 is not a replica of this cluster.');
  });
});

describe('checkConfirmations', () => {
  const stop = { mode: 'stop', primary: 'pg1' } as const;
  const unstoppable = { mode: 'acknowledge-needed', primary: 'pg1', why: 'The primary pg1 does not answer (timed out), so Tandem cannot stop it.' } as const;

  it('asks for what was typed, and for an acknowledgement only when the old primary cannot be stopped', () => {
    expect(checkConfirmations(request(), { clusterName: 'orders', fence: stop })).toEqual({ typed: [], acknowledgement: null });
    expect(checkConfirmations(request({ confirmName: ' orders ', reason: 'abc' }), { clusterName: 'orders', fence: null })).toEqual({ typed: [], acknowledgement: null });
    expect(checkConfirmations(request({ confirmName: '', reason: 'ab' }), { clusterName: 'orders', fence: stop }).typed.map((refusal) => refusal.field)).toEqual(['confirmName', 'reason']);
    expect(checkConfirmations(request(), { clusterName: 'orders', fence: unstoppable }).acknowledgement).toEqual({
      field: 'acknowledgeDown',
      message: 'The primary pg1 does not answer (timed out), so Tandem cannot stop it. Confirm that it is down or cut off from its clients; if it still takes writes after the promote you will have two primaries.',
    });
    expect(checkConfirmations(request({ acknowledgeDown: true }), { clusterName: 'orders', fence: unstoppable }).acknowledgement).toBeNull();
  });

  it('says refusals in order: what was typed, the candidate, the old primary, the WAL at risk', () => {
    const worst = assessment({
      primary: { hostId: 1, name: 'pg1', reachable: false, writable: false, currentLsn: null, error: 'timed out' },
      candidates: [candidate('pg2', { healthy: false, problems: ['has its replay paused'], replayLagBytes: 20_000_000 })],
    });
    const verdict = checkPromote(worst, request({ confirmName: '', overrideBytes: 'lots' }), settings);
    expect(verdict).toMatchObject({ ok: false, bytesAtRisk: 20_000_000 });
    if (!verdict.ok) expect(verdict.refusals.map((refusal) => refusal.field)).toEqual(['confirmName', 'candidate', 'acknowledgeDown', 'overrideBytes']);
    const unknown = checkPromote(assessment({ primary: null }), request({ candidate: 'pg9' }), settings);
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.refusals.map((refusal) => refusal.field)).toEqual(['candidate']);
  });
});
