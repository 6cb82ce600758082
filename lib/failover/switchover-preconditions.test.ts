import { describe, expect, it } from 'vitest';
import { canSwitchover, type SwitchoverFacts, type SwitchoverRequest } from './switchover-preconditions';
import { assessmentOf, candidateView, clusterRecord, memberRecord, primaryDown, reading } from './testing/assessment-fixture';

const facts = (overrides: Partial<SwitchoverFacts> = {}): SwitchoverFacts => ({
  record: clusterRecord(), readings: ['pg1', 'pg2', 'pg3'].map((name) => reading(name)), assessment: assessmentOf(), passwordKnown: true, ...overrides,
});
const request = (overrides: Partial<SwitchoverRequest> = {}): SwitchoverRequest => ({ candidate: 'pg2', confirmName: 'orders', reason: 'kernel update on pg1', ...overrides });
const said = (verdict: ReturnType<typeof canSwitchover>) => (verdict.ok ? null : verdict.refusals);
const withCandidate = (overrides: Parameters<typeof candidateView>[1]) => facts({ assessment: assessmentOf({ candidates: [candidateView('pg2', overrides)] }) });

describe('canSwitchover', () => {
  it('allows a streaming, caught-up candidate while the primary answers, with every reachable unfenced member', () => {
    const verdict = canSwitchover(facts(), request());
    expect(verdict).toMatchObject({ ok: true, candidate: 'pg2', primary: 'pg1', maxLagBytes: 16 * 1024 * 1024 });
    expect(verdict.ok && verdict.members.map((member) => member.name)).toEqual(['pg1', 'pg2', 'pg3']);
  });

  it('leaves out unreachable and fenced members', () => {
    const record = clusterRecord(['pg1', 'pg2', 'pg3', 'pg4'].map((name) => memberRecord(name, { fenced: name === 'pg4' })));
    const readings = ['pg1', 'pg2', 'pg3', 'pg4'].map((name) => reading(name, { reachable: name !== 'pg3' }));
    const verdict = canSwitchover(facts({ record, readings }), request());
    expect(verdict.ok && verdict.members.map((member) => member.name)).toEqual(['pg1', 'pg2']);
  });

  it('asks for the cluster name and a reason, both at once, before anything else', () => {
    expect(said(canSwitchover(facts({ assessment: assessmentOf({ primary: null }) }), request({ confirmName: 'order', reason: ' ok ' })))).toEqual([
      { field: 'confirmName', message: 'Type the cluster name, orders, to confirm.' },
      { field: 'reason', message: 'Say why you switch over (kept in the audit log and on the operation).' },
    ]);
    expect(said(canSwitchover(facts(), request({ reason: '' })))).toEqual([{ field: 'reason', message: 'Say why you switch over (kept in the audit log and on the operation).' }]);
  });

  it('needs a primary that answers as a primary', () => {
    const message = 'The primary pg1 does not answer as a primary; a planned switchover needs it. Use promote instead.';
    expect(said(canSwitchover(facts({ assessment: assessmentOf({ primary: primaryDown }) }), request()))).toEqual([{ field: null, message }]);
    expect(said(canSwitchover(facts({ assessment: assessmentOf({ primary: { ...primaryDown, reachable: true } }) }), request()))).toEqual([{ field: null, message }]);
    expect(said(canSwitchover(facts({ assessment: assessmentOf({ primary: null }) }), request()))?.[0]?.message).toBe('The primary (none recorded) does not answer as a primary; a planned switchover needs it. Use promote instead.');
  });

  it('refuses a candidate that is not a replica, is unhealthy, does not stream or is behind the lag guard', () => {
    const candidate = (verdict: ReturnType<typeof canSwitchover>) => said(verdict)?.map((refusal) => `${refusal.field}: ${refusal.message}`);
    expect(candidate(canSwitchover(facts(), request({ candidate: 'pg9' })))).toEqual(['candidate: pg9 is not a replica of orders.']);
    expect(candidate(canSwitchover(withCandidate({ healthy: false, problems: ['does not answer (refused)'] }), request()))).toEqual(['candidate: pg2 cannot take over: it does not answer (refused).']);
    expect(candidate(canSwitchover(withCandidate({ receiverStatus: 'waiting' }), request()))).toEqual(['candidate: pg2 does not stream (waiting); a switchover to it could lose writes.']);
    expect(candidate(canSwitchover(withCandidate({ receiverStatus: null }), request()))).toEqual(['candidate: pg2 does not stream (no WAL receiver); a switchover to it could lose writes.']);
    expect(candidate(canSwitchover(withCandidate({ replayLagBytes: 20_000_000 }), request()))).toEqual(['candidate: pg2 is 19.1 MiB behind, more than the lag guard of 16 MiB; wait until it catches up.']);
    expect(candidate(canSwitchover(withCandidate({ replayLagBytes: null }), request()))).toEqual(['candidate: pg2 is 0 B behind, more than the lag guard of 16 MiB; wait until it catches up.']);
    expect(canSwitchover(withCandidate({ replayLagBytes: 16 * 1024 * 1024 }), request()).ok).toBe(true);
  });

  it('needs the replication password, for the old primary to become a standby', () => {
    expect(said(canSwitchover(facts({ passwordKnown: false }), request()))).toEqual([{ field: null, message: 'Tandem does not know the replication password of orders; the old primary cannot become a standby.' }]);
  });

  it('names every reachable member whose values cannot be used, the first one first', () => {
    const record = clusterRecord([memberRecord('pg1'), memberRecord('pg2', { dataDirectory: null }), memberRecord('pg3', { pgPort: 0 })]);
    const readings = ['pg1', 'pg2', 'pg3'].map((name) => reading(name, { dataDirectory: name === 'pg2' ? null : '/var/lib/postgresql/15/main' }));
    expect(said(canSwitchover(facts({ record, readings }), request()))).toEqual([
      { field: null, message: "Tandem does not know pg2's data directory; test its connection first." },
      { field: null, message: "pg3's PostgreSQL port is invalid; Tandem will not use it in a command." },
    ]);
  });
});
