import { describe, expect, it } from 'vitest';
import { assessPromoteSafety, fenceNeed } from './safety-policy';
import { assessmentOf, candidateView, primaryDown } from './testing/assessment-fixture';

const limits = { lagGuardBytes: 16 * 1024 * 1024 };

describe('fenceNeed', () => {
  it('stops an answering primary and needs an acknowledgement for one that does not answer or is not recorded', () => {
    expect(fenceNeed(assessmentOf())).toEqual({ mode: 'stop', primary: 'pg1' });
    expect(fenceNeed(assessmentOf({ primary: primaryDown }))).toEqual({ mode: 'acknowledge-needed', primary: 'pg1', why: 'The primary pg1 does not answer (timed out), so Tandem cannot stop it.' });
    expect(fenceNeed(assessmentOf({ primary: { ...primaryDown, error: null } }))).toMatchObject({ why: 'The primary pg1 does not answer (no reply), so Tandem cannot stop it.' });
    expect(fenceNeed(assessmentOf({ primary: null }))).toEqual({ mode: 'acknowledge-needed', primary: null, why: 'This cluster has no recorded primary, so Tandem cannot stop it.' });
  });
});

describe('assessPromoteSafety', () => {
  it('accepts a healthy caught-up candidate, with no confirmation at all, and says how the old primary is fenced', () => {
    expect(assessPromoteSafety(assessmentOf(), 'pg2', limits)).toMatchObject({ ok: true, candidate: { name: 'pg2' }, fence: { mode: 'stop' }, bytesAtRisk: 0, overrideBytes: null });
    expect(assessPromoteSafety(assessmentOf({ primary: primaryDown }), 'pg3', limits)).toMatchObject({ ok: true, candidate: { name: 'pg3' }, fence: { mode: 'acknowledge-needed', primary: 'pg1' } });
  });

  it('refuses a host that is not a replica, naming it (or "That host" when none is named)', () => {
    expect(assessPromoteSafety(assessmentOf(), 'pg9', limits)).toEqual({
      ok: false, reasons: [{ kind: 'not-a-replica', message: 'pg9 is not a replica of this cluster.' }], candidate: null, fence: { mode: 'stop', primary: 'pg1' }, bytesAtRisk: null,
    });
    expect(assessPromoteSafety(assessmentOf(), '', limits)).toMatchObject({ ok: false, reasons: [{ message: 'That host is not a replica of this cluster.' }] });
  });

  it('refuses an unhealthy candidate with its problems', () => {
    const sick = assessmentOf({ candidates: [candidateView('pg2', { healthy: false, problems: ['is fenced after an earlier failover; rejoin it first', 'is not in recovery: it already accepts writes'] })] });
    expect(assessPromoteSafety(sick, 'pg2', limits)).toMatchObject({
      ok: false, bytesAtRisk: 0,
      reasons: [{ kind: 'unhealthy', message: 'pg2 cannot be promoted: it is fenced after an earlier failover; rejoin it first and is not in recovery: it already accepts writes.' }],
    });
  });

  it('refuses when no primary position is known to measure lag against, but not when only the candidate has no replay position', () => {
    const blind = assessmentOf({ referenceLsn: null, referenceSource: null, candidates: [candidateView('pg2', { replayLagBytes: null, lossBytes: null })] });
    expect(assessPromoteSafety(blind, 'pg2', limits)).toMatchObject({ ok: false, bytesAtRisk: null, reasons: [{ kind: 'no-reference', message: 'No primary position is known to measure lag against; read the candidates again.' }] });
    const unreplayed = assessmentOf({ candidates: [candidateView('pg2', { replayLsn: null, replayLagBytes: null })] });
    expect(assessPromoteSafety(unreplayed, 'pg2', limits)).toMatchObject({ ok: true, bytesAtRisk: null });
  });

  it('holds the lag guard unless the accepted bytes at risk cover the current figure', () => {
    const behind = assessmentOf({ candidates: [candidateView('pg2', { replayLagBytes: 20_000_000 })] });
    expect(assessPromoteSafety(behind, 'pg2', limits)).toEqual({
      ok: false, candidate: behind.candidates[0], fence: { mode: 'stop', primary: 'pg1' }, bytesAtRisk: 20_000_000,
      reasons: [{
        kind: 'lag-guard', bytesAtRisk: 20_000_000, limitBytes: limits.lagGuardBytes,
        message: "Lag guard: pg2's replay is 19.1 MiB (20000000 bytes) behind the last known primary position, more than this cluster's limit of 16 MiB. Committed transactions in those bytes may be lost.",
      }],
    });
    expect(assessPromoteSafety(behind, 'pg2', { ...limits, overrideBytes: 19_999_999 }).ok).toBe(false);
    expect(assessPromoteSafety(behind, 'pg2', { ...limits, overrideBytes: 25_000_000 })).toMatchObject({ ok: true, bytesAtRisk: 20_000_000, overrideBytes: 25_000_000 });
    const atLimit = assessmentOf({ candidates: [candidateView('pg2', { replayLagBytes: limits.lagGuardBytes })] });
    expect(assessPromoteSafety(atLimit, 'pg2', { ...limits, overrideBytes: 99 })).toMatchObject({ ok: true, overrideBytes: null });
  });

  it('gives every reason at once: an unhealthy candidate over the lag guard', () => {
    const both = assessmentOf({ candidates: [candidateView('pg2', { healthy: false, problems: ['has its replay paused'], replayLagBytes: 20_000_000 })] });
    const verdict = assessPromoteSafety(both, 'pg2', limits);
    expect(verdict.ok ? [] : verdict.reasons.map((reason) => reason.kind)).toEqual(['unhealthy', 'lag-guard']);
  });
});
