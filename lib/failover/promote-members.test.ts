import { describe, expect, it } from 'vitest';
import { promoteMembers } from './promote-members';
import { assessmentOf, candidateView, clusterRecord, memberRecord, primaryDown, reading } from './testing/assessment-fixture';

const readings = ['pg1', 'pg2', 'pg3'].map((name) => reading(name));
const names = (verdict: ReturnType<typeof promoteMembers>) => (verdict.ok ? verdict.members.map((member) => member.name) : verdict.message);

describe('promoteMembers', () => {
  it('works on every member while all answer, the old primary included', () => {
    expect(promoteMembers(clusterRecord(), readings, assessmentOf(), 'pg2', 'stop')).toMatchObject({ ok: true, oldPrimary: 'pg1', needRejoin: [], members: [{ name: 'pg1' }, { name: 'pg2' }, { name: 'pg3' }] });
  });

  it('takes a data directory read just now over the discovered one', () => {
    const record = clusterRecord(['pg1', 'pg2'].map((name) => memberRecord(name, { dataDirectory: null })));
    const read = [reading('pg1', { dataDirectory: '/srv/pg1' }), reading('pg2', { dataDirectory: '/srv/pg2' })];
    const verdict = promoteMembers(record, read, assessmentOf(), 'pg2', 'stop');
    expect(verdict.ok ? verdict.members.map((member) => member.dataDirectory) : verdict.message).toEqual(['/srv/pg1', '/srv/pg2']);
  });

  it('refuses when a reachable member has no known data directory, and skips an unreachable one', () => {
    const record = clusterRecord(['pg1', 'pg2', 'pg3'].map((name) => memberRecord(name, { dataDirectory: name === 'pg3' ? null : '/var/lib/postgresql/15/main' })));
    const blind = readings.map((entry) => (entry.name === 'pg3' ? { ...entry, dataDirectory: null } : entry));
    expect(promoteMembers(record, blind, assessmentOf(), 'pg2', 'stop')).toEqual({ ok: false, message: "Tandem does not know pg3's data directory; check the host first." });
    const gone = blind.map((entry) => (entry.name === 'pg3' ? { ...entry, reachable: false } : entry));
    expect(names(promoteMembers(record, gone, assessmentOf(), 'pg2', 'stop'))).toEqual(['pg1', 'pg2']);
  });

  it('refuses a member whose values may not reach a command', () => {
    const record = clusterRecord([memberRecord('pg1'), memberRecord('pg2', { address: 'pg2.example; reboot' })]);
    expect(promoteMembers(record, readings, assessmentOf(), 'pg2', 'stop')).toEqual({ ok: false, message: "pg2's address pg2.example; reboot is not a literal IP address; Tandem will not use it in a command." });
  });

  it('refuses when the old primary cannot be fenced for want of its data directory', () => {
    const record = clusterRecord(['pg1', 'pg2'].map((name) => memberRecord(name, { dataDirectory: name === 'pg1' ? null : '/var/lib/postgresql/15/main' })));
    const down = [reading('pg1', { reachable: false, dataDirectory: null }), reading('pg2')];
    expect(promoteMembers(record, down, assessmentOf({ primary: primaryDown }), 'pg2', 'acknowledged')).toEqual({ ok: false, message: 'Tandem does not know enough about pg1 to fence it; check the host first.' });
  });

  it('keeps an unreachable old primary and candidate but leaves out another unreachable replica', () => {
    const down = readings.map((entry) => ({ ...entry, reachable: false }));
    expect(names(promoteMembers(clusterRecord(), down, assessmentOf({ primary: primaryDown }), 'pg2', 'acknowledged'))).toEqual(['pg1', 'pg2']);
  });

  it('leaves replicas ahead of the candidate to a rejoin when the old primary was not stopped, not when it was', () => {
    const ahead = assessmentOf({ primary: primaryDown, candidates: [candidateView('pg2'), candidateView('pg3', { receiveLsn: '0/3100000' })] });
    expect(promoteMembers(clusterRecord(), readings, ahead, 'pg2', 'acknowledged')).toMatchObject({ ok: true, needRejoin: ['pg3'], members: [{ name: 'pg1' }, { name: 'pg2' }] });
    expect(promoteMembers(clusterRecord(), readings, ahead, 'pg2', 'stop')).toMatchObject({ ok: true, needRejoin: [] });
  });

  it('leaves out members fenced earlier, but not the old primary', () => {
    const record = clusterRecord(['pg1', 'pg2', 'pg3'].map((name) => memberRecord(name, { fenced: name !== 'pg2' })));
    expect(names(promoteMembers(record, readings, assessmentOf(), 'pg2', 'stop'))).toEqual(['pg1', 'pg2']);
  });
});
