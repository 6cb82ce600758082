import { formatBytes } from '@/lib/format/bytes';
import { bytesBehind, laterLsn, parseLsn } from './lsn';
import type { Assessment, CandidateView, MemberReading, ReferenceSource } from './types';

function problemsOf(member: MemberReading): string[] {
  if (!member.reachable) return [`does not answer (${member.error ?? 'no reply'})`];
  const problems: string[] = [];
  if (member.fenced) problems.push('is fenced after an earlier failover; rejoin it first');
  if (member.inRecovery === false) problems.push('is not in recovery: it already accepts writes');
  if (member.inRecovery === true && member.replayLsn === null) problems.push('has not replayed any WAL yet');
  return problems;
}

function reference(primary: MemberReading | undefined, replicas: readonly MemberReading[], storedLsn: string | null): { lsn: string | null; source: ReferenceSource | null } {
  if (primary?.reachable && primary.inRecovery === false && primary.currentLsn) return { lsn: primary.currentLsn, source: 'primary' };
  const seen = replicas.reduce<string | null>((best, member) => laterLsn(best, laterLsn(member.receiveLsn, member.replayLsn)), null);
  const lsn = laterLsn(seen, storedLsn);
  if (lsn === null) return { lsn: null, source: null };
  return { lsn, source: storedLsn !== null && lsn === storedLsn && lsn !== seen ? 'stored' : 'replicas' };
}

function heldLsn(candidate: CandidateView): bigint {
  const held = laterLsn(candidate.receiveLsn, candidate.replayLsn);
  return held === null ? -1n : parseLsn(held);
}

function compare(a: CandidateView, b: CandidateView): number {
  if (a.healthy !== b.healthy) return a.healthy ? -1 : 1;
  const held = heldLsn(b) - heldLsn(a);
  if (held !== 0n) return held > 0n ? 1 : -1;
  const replay = (b.replayLsn ? parseLsn(b.replayLsn) : -1n) - (a.replayLsn ? parseLsn(a.replayLsn) : -1n);
  if (replay !== 0n) return replay > 0n ? 1 : -1;
  const time = (b.lastReplayAt ? Date.parse(b.lastReplayAt) : 0) - (a.lastReplayAt ? Date.parse(a.lastReplayAt) : 0);
  if (time !== 0) return time;
  return a.name.localeCompare(b.name);
}

function view(member: MemberReading, referenceLsn: string | null): CandidateView {
  const problems = problemsOf(member);
  const held = laterLsn(member.receiveLsn, member.replayLsn);
  return {
    hostId: member.hostId, name: member.name, healthy: problems.length === 0, problems,
    receiveLsn: member.receiveLsn, replayLsn: member.replayLsn,
    replayLagBytes: referenceLsn && member.replayLsn ? bytesBehind(referenceLsn, member.replayLsn) : null,
    lossBytes: referenceLsn && held ? bytesBehind(referenceLsn, held) : null,
    lastReplayAt: member.lastReplayAt, timeline: member.timeline, receivedTli: member.receivedTli,
    receiverStatus: member.receiverStatus, slotName: member.slotName, replayPaused: member.replayPaused,
  };
}

function explain(ranked: readonly CandidateView[], source: ReferenceSource | null): string {
  const best = ranked[0];
  if (!best || !best.healthy) {
    if (ranked.length === 0) return 'This cluster has no replica to promote.';
    return `No replica can be promoted now: ${ranked.map((candidate) => `${candidate.name} ${candidate.problems.join(' and ')}`).join('; ')}.`;
  }
  const against = source === 'primary' ? 'the primary’s current position' : source === 'stored' ? 'the last position Tandem stored from the primary' : 'the newest position any replica received';
  const loss = best.lossBytes === null ? 'an unknown amount' : formatBytes(best.lossBytes);
  const parts = [`${best.name} holds the most WAL (${laterLsn(best.receiveLsn, best.replayLsn) ?? '?'}), ${loss} behind ${against}`];
  if (best.replayPaused) parts.push(`its replay is paused (promotion resumes it)`);
  const others = ranked.slice(1).map((candidate) => (candidate.healthy
    ? `${candidate.name} is ${candidate.lossBytes === null ? 'an unknown amount' : formatBytes(candidate.lossBytes)} behind`
    : `${candidate.name} ${candidate.problems.join(' and ')}`));
  return `Recommended: ${parts.join('; ')}.${others.length > 0 ? ` ${others.join('; ')}.` : ''}`;
}

/**
 * Replicas holding WAL beyond the candidate's: they cannot follow its new timeline (they
 * replayed past the fork) and need a rejoin (pg_rewind) instead of a re-point. Only when
 * the old primary cannot be stopped: a clean stop first sends every replica the same end
 * of WAL, so none stays ahead. Pure.
 */
export function aheadOf(assessment: Assessment, candidate: string): string[] {
  const chosen = assessment.candidates.find((entry) => entry.name === candidate);
  if (!chosen) return [];
  const held = heldLsn(chosen);
  return assessment.candidates.filter((entry) => entry.name !== candidate && entry.healthy && heldLsn(entry) > held).map((entry) => entry.name);
}

/**
 * Ranks the replicas for promotion from readings taken just now. The reference is the
 * primary's current LSN when it answers as a primary, else the newest LSN any replica
 * received (or the last one Tandem stored, if later). Healthy candidates (answering, in
 * recovery, not fenced) come first, then the one holding the most WAL (receive or replay),
 * then the most replayed, then the most recent replay. Pure: same readings, same answer.
 */
export function assessCandidates(readings: readonly MemberReading[], storedLsn: string | null, readAt: Date): Assessment {
  const primary = readings.find((member) => member.role === 'primary');
  const replicas = readings.filter((member) => member.role === 'replica');
  const ref = reference(primary, replicas, storedLsn);
  const ranked = replicas.map((member) => view(member, ref.lsn)).sort(compare);
  const best = ranked[0];
  return {
    readAt: readAt.toISOString(),
    primary: primary
      ? { hostId: primary.hostId, name: primary.name, reachable: primary.reachable, writable: primary.reachable && primary.inRecovery === false, currentLsn: primary.currentLsn, error: primary.error }
      : null,
    referenceLsn: ref.lsn,
    referenceSource: ref.source,
    candidates: ranked,
    recommended: best?.healthy ? best.name : null,
    why: explain(ranked, ref.source),
  };
}
