import { formatBytes } from '@/lib/format/bytes';
import type { Assessment, CandidateView } from './types';

/** How the old primary is kept from taking writes once the candidate is promoted. */
export type FenceNeed =
  /** It answers: Tandem stops and fences it before the promote. */
  | { readonly mode: 'stop'; readonly primary: string }
  /** It does not answer, or none is recorded: Tandem cannot stop it, so someone must vouch that it is down or cut off. */
  | { readonly mode: 'acknowledge-needed'; readonly primary: string | null; readonly why: string };

/** Why the policy will not promote this candidate; `kind` is the category, `message` the plain words. */
export type SafetyReason =
  | { readonly kind: 'not-a-replica'; readonly message: string }
  | { readonly kind: 'unhealthy'; readonly message: string }
  | { readonly kind: 'no-reference'; readonly message: string }
  | { readonly kind: 'lag-guard'; readonly message: string; readonly bytesAtRisk: number; readonly limitBytes: number };

export interface SafetyLimits {
  /** The cluster's lag guard: replay lag above it is refused unless accepted below. */
  readonly lagGuardBytes: number;
  /** Bytes at risk accepted beyond the lag guard (a person's typed figure, or a decider's own limit); null or absent: none. */
  readonly overrideBytes?: number | null;
}

export type SafetyVerdict =
  | { readonly ok: true; readonly candidate: CandidateView; readonly fence: FenceNeed; readonly bytesAtRisk: number | null; readonly overrideBytes: number | null }
  | { readonly ok: false; readonly reasons: readonly SafetyReason[]; readonly candidate: CandidateView | null; readonly fence: FenceNeed; readonly bytesAtRisk: number | null };

/** The lag guard's figure: how far the candidate's replay is behind the last known primary position. */
export function bytesAtRisk(candidate: CandidateView): number | null {
  return candidate.replayLagBytes;
}

/** Whether Tandem can stop the old primary itself, or needs someone's word that it is down or isolated. Pure. */
export function fenceNeed(assessment: Assessment): FenceNeed {
  const primary = assessment.primary;
  if (primary?.reachable) return { mode: 'stop', primary: primary.name };
  const who = primary ? `The primary ${primary.name} does not answer (${primary.error ?? 'no reply'})` : 'This cluster has no recorded primary';
  return { mode: 'acknowledge-needed', primary: primary?.name ?? null, why: `${who}, so Tandem cannot stop it.` };
}

/**
 * The promote safety policy on its own, without any human confirmation, so an automatic
 * decider can ask it too: the candidate must be a replica that answers, is in recovery and
 * is not fenced; a primary position must be known to measure its lag against; a replay lag
 * above the lag guard is refused unless `overrideBytes` accepts at least that much at risk.
 * Also says how the old primary is to be fenced. Pure.
 */
export function assessPromoteSafety(assessment: Assessment, candidateName: string, limits: SafetyLimits): SafetyVerdict {
  const fence = fenceNeed(assessment);
  const candidate = assessment.candidates.find((entry) => entry.name === candidateName);
  if (!candidate) return { ok: false, reasons: [{ kind: 'not-a-replica', message: `${candidateName || 'That host'} is not a replica of this cluster.` }], candidate: null, fence, bytesAtRisk: null };
  const reasons: SafetyReason[] = [];
  if (!candidate.healthy) reasons.push({ kind: 'unhealthy', message: `${candidate.name} cannot be promoted: it ${candidate.problems.join(' and ')}.` });
  const atRisk = bytesAtRisk(candidate);
  const accepted = limits.overrideBytes ?? null;
  let overrideBytes: number | null = null;
  if (atRisk === null && assessment.referenceLsn === null) {
    reasons.push({ kind: 'no-reference', message: 'No primary position is known to measure lag against; read the candidates again.' });
  } else if (atRisk !== null && atRisk > limits.lagGuardBytes) {
    if (accepted === null || accepted < atRisk) {
      reasons.push({
        kind: 'lag-guard', bytesAtRisk: atRisk, limitBytes: limits.lagGuardBytes,
        message: `Lag guard: ${candidate.name}'s replay is ${formatBytes(atRisk)} (${atRisk} bytes) behind the last known primary position, more than this cluster's limit of ${formatBytes(limits.lagGuardBytes)}. Committed transactions in those bytes may be lost.`,
      });
    } else {
      overrideBytes = accepted;
    }
  }
  if (reasons.length > 0) return { ok: false, reasons, candidate, fence, bytesAtRisk: atRisk };
  return { ok: true, candidate, fence, bytesAtRisk: atRisk, overrideBytes };
}
