import { describe, expect, it } from 'vitest';
import { canRejoin, type RejoinFacts } from './rejoin-preconditions';
import { assessmentOf, clusterRecord, memberRecord, primaryDown, reading } from './testing/assessment-fixture';

const facts = (overrides: Partial<RejoinFacts> = {}): RejoinFacts => ({
  record: clusterRecord(), readings: ['pg1', 'pg2', 'pg3'].map((name) => reading(name)), assessment: assessmentOf(), passwordKnown: true, ...overrides,
});
const said = (verdict: ReturnType<typeof canRejoin>) => (verdict.ok ? null : verdict.refusals);

describe('canRejoin', () => {
  it('rejoins a member under the primary that answers, both as plans use them', () => {
    expect(canRejoin(facts(), 'pg3')).toMatchObject({ ok: true, member: { name: 'pg3', dataDirectory: '/var/lib/postgresql/15/main' }, upstream: { name: 'pg1', address: '10.88.0.11' } });
  });

  it('defaults to pg_rewind (its WAL since the fork kept) when no writes of the member are known, as for a fenced member that is stopped', () => {
    const stopped = facts({ readings: [reading('pg1'), reading('pg2'), reading('pg3', { reachable: false, error: 'connection refused', inRecovery: null })] });
    expect(canRejoin(stopped, 'pg3')).toMatchObject({ ok: true, mode: 'rewind', defaulted: true, writesOfItsOwn: false });
    expect(canRejoin(facts(), 'pg3')).toMatchObject({ ok: true, mode: 'rewind', defaulted: true, writesOfItsOwn: false });
  });

  it('defaults to a rebuild when the member accepts writes of its own beside the primary (bytes at risk), unless pg_rewind is asked for', () => {
    const diverged = facts({ readings: [reading('pg1'), reading('pg2'), reading('pg3', { inRecovery: false, currentLsn: '0/5000000', receiveLsn: null, replayLsn: null })] });
    expect(canRejoin(diverged, 'pg3')).toMatchObject({ ok: true, mode: 'rebuild', defaulted: true, writesOfItsOwn: true });
    expect(canRejoin(diverged, 'pg3', 'rewind')).toMatchObject({ ok: true, mode: 'rewind', defaulted: false, writesOfItsOwn: true });
    expect(canRejoin(facts(), 'pg3', 'rebuild')).toMatchObject({ ok: true, mode: 'rebuild', defaulted: false, writesOfItsOwn: false });
  });

  it('needs a primary that answers as a primary, whoever is to rejoin', () => {
    expect(said(canRejoin(facts({ assessment: assessmentOf({ primary: primaryDown }) }), 'pg1'))).toEqual([{ field: null, message: 'The primary pg1 does not answer as a primary now; a member can only rejoin a working primary.' }]);
    expect(said(canRejoin(facts({ assessment: assessmentOf({ primary: null }), passwordKnown: false }), 'pg3'))).toEqual([{ field: null, message: 'The primary (none recorded) does not answer as a primary now; a member can only rejoin a working primary.' }]);
  });

  it('refuses to rejoin the primary itself', () => {
    expect(said(canRejoin(facts(), 'pg1'))).toEqual([{ field: 'member', message: 'pg1 is the primary.' }]);
  });

  it('needs the replication password', () => {
    expect(said(canRejoin(facts({ passwordKnown: false }), 'pg3'))).toEqual([{ field: null, message: 'Tandem does not know the replication password of cluster orders.' }]);
  });

  it('refuses a member that is not recorded or whose values cannot be used, then a primary whose values cannot be used', () => {
    expect(said(canRejoin(facts(), 'pg9'))).toEqual([{ field: 'member', message: 'pg9 is not a member of cluster orders.' }]);
    const blind = facts({ record: clusterRecord(['pg1', 'pg3'].map((name) => memberRecord(name, { dataDirectory: null }))), readings: [reading('pg1', { dataDirectory: null }), reading('pg3', { reachable: false, dataDirectory: null })] });
    expect(said(canRejoin(blind, 'pg3'))).toEqual([{ field: 'member', message: "Tandem does not know pg3's data directory; test its connection first." }]);
    const badPrimary = facts({ record: clusterRecord([memberRecord('pg1', { applicationName: 'pg1; drop' }), memberRecord('pg3')]) });
    expect(said(canRejoin(badPrimary, 'pg3'))).toEqual([{ field: null, message: "pg1's application name is invalid; Tandem will not use it in a command." }]);
  });
});
