import type { FailoverClusterRecord } from './plan-types';
import { toFailoverMember } from './member-values';
import type { RejoinMode } from './plan-rejoin';
import type { FailoverMember } from './plan-types';
import type { Assessment, MemberReading } from './types';

/** The cluster as read just now, and whether Tandem holds its replication password (the rejoined standby logs in with it). */
export interface RejoinFacts {
  readonly record: FailoverClusterRecord;
  readonly readings: readonly MemberReading[];
  readonly assessment: Assessment;
  readonly passwordKnown: boolean;
}

/** One reason a rejoin may not start, with the form field it concerns (null: the cluster as it is). */
export interface RejoinRefusal {
  readonly field: 'member' | null;
  readonly message: string;
}

export type RejoinVerdict =
  /** `defaulted`: no mode was asked for and `mode` is the default; `writesOfItsOwn`: the member accepts writes now beside the primary. */
  | { readonly ok: true; readonly member: FailoverMember; readonly upstream: FailoverMember; readonly mode: RejoinMode; readonly defaulted: boolean; readonly writesOfItsOwn: boolean }
  /** The refusal of the first check that fails: what a person is told. */
  | { readonly ok: false; readonly refusals: readonly [RejoinRefusal, ...RejoinRefusal[]] };

const refuse = (field: RejoinRefusal['field'], message: string): RejoinVerdict => ({ ok: false, refusals: [{ field, message }] });

/**
 * Whether `memberName` may rejoin now as a standby of the current primary, and how.
 * Checked in this order, each assuming the ones before passed: the primary answers as a
 * primary (a member can only rejoin a working one) and is not the member itself; the
 * replication password is known; the member, then the primary, is recorded with values
 * usable in commands. The mode is `requested` when given. Otherwise it is a rebuild when
 * the member answers now accepting writes: it holds writes the primary lacks (bytes at
 * risk), which a rebuild keeps whole in the old data directory, moved aside; else
 * pg_rewind, whose step keeps a copy of the member's WAL since the fork. Pure.
 */
export function canRejoin(facts: RejoinFacts, memberName: string, requested?: RejoinMode): RejoinVerdict {
  const { record, readings } = facts;
  const primary = facts.assessment.primary;
  if (!primary?.writable) return refuse(null, `The primary ${primary?.name ?? '(none recorded)'} does not answer as a primary now; a member can only rejoin a working primary.`);
  if (primary.name === memberName) return refuse('member', `${memberName} is the primary.`);
  if (!facts.passwordKnown) return refuse(null, `Tandem does not know the replication password of cluster ${record.cluster.name}.`);
  const member = toFailoverMember(record, readings, memberName);
  if (typeof member === 'string') return refuse('member', member);
  const upstream = toFailoverMember(record, readings, primary.name);
  if (typeof upstream === 'string') return refuse(null, upstream);
  const reading = readings.find((entry) => entry.name === memberName);
  const writesOfItsOwn = reading?.reachable === true && reading.inRecovery === false;
  return { ok: true, member, upstream, mode: requested ?? (writesOfItsOwn ? 'rebuild' : 'rewind'), defaulted: requested === undefined, writesOfItsOwn };
}
