import type { FailoverClusterRecord, FailoverMemberRecord } from '../plan-types';
import type { Assessment, CandidateView, MemberReading } from '../types';

/** A healthy, streaming, caught-up candidate as an assessment lists it. */
export function candidateView(name: string, overrides: Partial<CandidateView> = {}): CandidateView {
  return {
    hostId: Number(name.slice(2)), name, healthy: true, problems: [], receiveLsn: '0/3000000', replayLsn: '0/3000000', replayLagBytes: 0, lossBytes: 0, lastReplayAt: null,
    timeline: 1, receivedTli: 1, receiverStatus: 'streaming', slotName: null, replayPaused: false, ...overrides,
  };
}

/** An assessment of cluster `orders`: pg1 the answering primary, pg2 and pg3 caught-up candidates. */
export function assessmentOf(overrides: Partial<Assessment> = {}): Assessment {
  return {
    readAt: '2026-11-22T08:00:00.000Z', primary: { hostId: 1, name: 'pg1', reachable: true, writable: true, currentLsn: '0/3000000', error: null },
    referenceLsn: '0/3000000', referenceSource: 'primary', candidates: [candidateView('pg2'), candidateView('pg3')], recommended: 'pg2', why: '', ...overrides,
  };
}

/** The primary of {@link assessmentOf} as it is read when it does not answer. */
export const primaryDown = { hostId: 1, name: 'pg1', reachable: false, writable: false, currentLsn: null, error: 'timed out' } as const;

/** A recorded member of cluster `orders` with valid values (host id from its name: pg2 is 2). */
export function memberRecord(name: string, overrides: Partial<FailoverMemberRecord> = {}): FailoverMemberRecord {
  const id = Number(name.slice(2));
  return {
    hostId: id, name, address: `10.88.0.1${id}`, pgPort: 5432, role: name === 'pg1' ? 'primary' : 'replica', applicationName: `tandem_${name}`, slotName: `tandem_${name}`,
    fenced: false, fencedAt: null, fenceReason: null, control: { kind: 'pg_ctlcluster', version: '15', name: 'main' }, dataDirectory: '/var/lib/postgresql/15/main', ...overrides,
  };
}

/** Cluster `orders` as Tandem records it: pg1 the primary, pg2 and pg3 replicas, unless `members` says otherwise. */
export function clusterRecord(members: readonly FailoverMemberRecord[] = ['pg1', 'pg2', 'pg3'].map((name) => memberRecord(name))): FailoverClusterRecord {
  return {
    id: 7, lagGuardBytes: 16 * 1024 * 1024, routingHooks: [], members,
    cluster: { name: 'orders', roleName: 'replicator', tls: false, tlsVerified: false, slots: true, major: 15, passwordMethod: 'scram-sha-256', endpoints: [] },
  };
}

/** What a member answered just now: by default, a reachable streaming standby (or, for pg1, the primary). */
export function reading(name: string, overrides: Partial<MemberReading> = {}): MemberReading {
  const id = Number(name.slice(2));
  const primary = name === 'pg1';
  return {
    hostId: id, name, address: `10.88.0.1${id}`, pgPort: 5432, role: primary ? 'primary' : 'replica', fenced: false, reachable: true, error: null,
    inRecovery: !primary, currentLsn: primary ? '0/3000000' : null, receiveLsn: primary ? null : '0/3000000', replayLsn: primary ? null : '0/3000000',
    lastReplayAt: null, timeline: 1, receivedTli: primary ? null : 1, receiverStatus: primary ? null : 'streaming', senderHost: primary ? null : '10.88.0.11',
    slotName: null, replayPaused: primary ? null : false, dataDirectory: '/var/lib/postgresql/15/main', ...overrides,
  };
}
