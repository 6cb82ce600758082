import type { FailoverClusterRecord } from './plan-types';
import { aheadOf } from './candidates';
import { dataDirectoryOf, failoverMemberOf } from './member-values';
import type { FailoverMember } from './plan-types';
import type { Assessment, MemberReading } from './types';

export type PromoteMembers =
  | { readonly ok: true; readonly oldPrimary: string | null; readonly members: readonly FailoverMember[]; readonly needRejoin: readonly string[] }
  | { readonly ok: false; readonly message: string };

/**
 * The members a promote of `candidate` works on, once its guard rails passed: every
 * member Tandem can command (a reachable one whose data directory is unknown, or any with
 * values that may not reach a command, refuses the promote), leaving out unreachable
 * replicas other than the candidate, replicas that must rejoin instead (ahead of the
 * candidate, when the old primary cannot be stopped) and members fenced earlier. The old
 * primary must be among them, to be fenced. Pure.
 */
export function promoteMembers(record: FailoverClusterRecord, readings: readonly MemberReading[], assessment: Assessment, candidate: string, fence: 'stop' | 'acknowledged'): PromoteMembers {
  const members: FailoverMember[] = [];
  for (const member of record.members) {
    const dataDirectory = dataDirectoryOf(member, readings);
    const unreachable = !readings.find((reading) => reading.hostId === member.hostId)?.reachable;
    if (dataDirectory === null) {
      if (!unreachable) return { ok: false, message: `Tandem does not know ${member.name}'s data directory; check the host first.` };
      continue;
    }
    const value = failoverMemberOf(member, dataDirectory);
    if (typeof value === 'string') return { ok: false, message: value };
    if (member.role === 'replica' && unreachable && member.name !== candidate) continue;
    members.push(value);
  }
  const oldPrimary = assessment.primary?.name ?? null;
  if (oldPrimary && !members.some((member) => member.name === oldPrimary)) return { ok: false, message: `Tandem does not know enough about ${oldPrimary} to fence it; check the host first.` };
  const needRejoin = fence === 'acknowledged' ? aheadOf(assessment, candidate) : [];
  const fencedEarlier = (name: string) => name !== oldPrimary && Boolean(record.members.find((entry) => entry.name === name)?.fenced);
  return { ok: true, oldPrimary, needRejoin, members: members.filter((member) => !needRejoin.includes(member.name) && !fencedEarlier(member.name)) };
}
