import type { FailoverClusterRecord } from './plan-types';
import { formatBytes } from '@/lib/format/bytes';
import { toFailoverMember } from './member-values';
import type { FailoverMember } from './plan-types';
import type { Assessment, MemberReading } from './types';

export interface SwitchoverRequest {
  readonly candidate: string;
  readonly confirmName: string;
  readonly reason: string;
}

/** The cluster as read just now, and whether Tandem holds its replication password (the old primary needs it as a standby). */
export interface SwitchoverFacts {
  readonly record: FailoverClusterRecord;
  readonly readings: readonly MemberReading[];
  readonly assessment: Assessment;
  readonly passwordKnown: boolean;
}

/** One reason a switchover may not start, with the form field it concerns (null: the cluster as it is). */
export interface SwitchoverRefusal {
  readonly field: 'candidate' | 'confirmName' | 'reason' | null;
  readonly message: string;
}

export type SwitchoverVerdict =
  | { readonly ok: true; readonly candidate: string; readonly primary: string; readonly members: readonly FailoverMember[]; readonly maxLagBytes: number }
  /** The refusals of the first check that fails; the first of them is what a person is told. */
  | { readonly ok: false; readonly refusals: readonly [SwitchoverRefusal, ...SwitchoverRefusal[]] };

/** Why the chosen candidate cannot take over with zero loss: the first of unknown, unhealthy, not streaming, behind the lag guard. */
function candidateRefusal(facts: SwitchoverFacts, name: string): string | null {
  const candidate = facts.assessment.candidates.find((entry) => entry.name === name);
  const guard = facts.record.lagGuardBytes;
  if (!candidate) return `${name} is not a replica of ${facts.record.cluster.name}.`;
  if (!candidate.healthy) return `${candidate.name} cannot take over: it ${candidate.problems.join(' and ')}.`;
  if (candidate.receiverStatus !== 'streaming') return `${candidate.name} does not stream (${candidate.receiverStatus ?? 'no WAL receiver'}); a switchover to it could lose writes.`;
  if ((candidate.replayLagBytes ?? Infinity) > guard) return `${candidate.name} is ${formatBytes(candidate.replayLagBytes ?? 0)} behind, more than the lag guard of ${formatBytes(guard)}; wait until it catches up.`;
  return null;
}

const refuse = (field: SwitchoverRefusal['field'], message: string): SwitchoverVerdict => ({ ok: false, refusals: [{ field, message }] });

/**
 * Whether a planned switchover (or a drill's first leg) to `request.candidate` may start
 * now. Checked in this order, each assuming the ones before passed: the cluster name typed
 * and a reason (both said); a primary that answers as a primary (else it is a promote); a
 * candidate that is a healthy replica, streams and is within the lag guard; the
 * replication password known; every reachable, unfenced member usable in commands (all
 * that are not are said; the others become the plan's members). Pure.
 */
export function canSwitchover(facts: SwitchoverFacts, request: SwitchoverRequest): SwitchoverVerdict {
  const { record, readings, assessment } = facts;
  const name = record.cluster.name;
  const typed: SwitchoverRefusal[] = [];
  if (request.confirmName.trim() !== name) typed.push({ field: 'confirmName', message: `Type the cluster name, ${name}, to confirm.` });
  if (request.reason.trim().length < 3) typed.push({ field: 'reason', message: 'Say why you switch over (kept in the audit log and on the operation).' });
  const [first, ...more] = typed;
  if (first) return { ok: false, refusals: [first, ...more] };
  const primary = assessment.primary;
  if (!primary?.writable) return refuse(null, `The primary ${primary?.name ?? '(none recorded)'} does not answer as a primary; a planned switchover needs it. Use promote instead.`);
  const candidate = candidateRefusal(facts, request.candidate);
  if (candidate) return refuse('candidate', candidate);
  if (!facts.passwordKnown) return refuse(null, `Tandem does not know the replication password of ${name}; the old primary cannot become a standby.`);
  const usable = record.members
    .filter((member) => !member.fenced && readings.find((entry) => entry.hostId === member.hostId)?.reachable)
    .map((member) => toFailoverMember(record, readings, member.name));
  const [problem, ...problems] = usable.filter((value) => typeof value === 'string');
  if (problem) return { ok: false, refusals: [{ field: null, message: problem }, ...problems.map((message) => ({ field: null, message }))] };
  return { ok: true, candidate: request.candidate, primary: primary.name, members: usable.filter((value) => typeof value !== 'string'), maxLagBytes: record.lagGuardBytes };
}
