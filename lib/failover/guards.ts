import { assessPromoteSafety, type FenceNeed, type SafetyReason } from './safety-policy';
import type { Assessment, CandidateView } from './types';

export interface PromoteRequest {
  readonly candidate: string;
  readonly confirmName: string;
  readonly reason: string;
  /** The user states the unreachable old primary is down or cut off from clients. */
  readonly acknowledgeDown: boolean;
  /** Second typed confirmation: the bytes at risk, as a number, when the lag guard refuses. */
  readonly overrideBytes: string;
}

export interface GuardSettings {
  readonly clusterName: string;
  readonly lagGuardBytes: number;
}

export interface Refusal {
  readonly field: 'candidate' | 'confirmName' | 'reason' | 'acknowledgeDown' | 'overrideBytes';
  readonly message: string;
}

export type GuardVerdict =
  | { readonly ok: true; readonly candidate: CandidateView; readonly fence: 'stop' | 'acknowledged'; readonly overrideBytes: number | null }
  | { readonly ok: false; readonly refusals: readonly Refusal[]; readonly bytesAtRisk: number | null };

export interface ConfirmationContext {
  readonly clusterName: string;
  /** How the old primary is fenced; null when the candidate is unknown (refused before the old primary matters). */
  readonly fence: FenceNeed | null;
}

/** The human confirmations' refusals: what was typed (name, reason), and the acknowledgement an unstoppable old primary needs. */
export interface ConfirmationCheck {
  readonly typed: readonly Refusal[];
  readonly acknowledgement: Refusal | null;
}

/**
 * The confirmations a person gives for a promote, apart from the safety policy: the
 * cluster name typed, a reason, and, when Tandem cannot stop the old primary, the
 * acknowledgement that it is down or cut off from its clients. Pure.
 */
export function checkConfirmations(request: PromoteRequest, context: ConfirmationContext): ConfirmationCheck {
  const typed: Refusal[] = [];
  if (request.confirmName.trim() !== context.clusterName) typed.push({ field: 'confirmName', message: `Type the cluster name, ${context.clusterName}, to confirm.` });
  if (request.reason.trim().length < 3) typed.push({ field: 'reason', message: 'Say why you promote (kept in the audit log and on the operation).' });
  const fence = context.fence;
  const acknowledgement = fence?.mode === 'acknowledge-needed' && !request.acknowledgeDown
    ? { field: 'acknowledgeDown' as const, message: `${fence.why} Confirm that it is down or cut off from its clients; if it still takes writes after the promote you will have two primaries.` }
    : null;
  return { typed, acknowledgement };
}

/** The typed override figure, when it is a whole number of bytes. */
function typedBytes(text: string): number | null {
  return /^\d{1,16}$/.test(text.trim()) ? Number(text.trim()) : null;
}

function toRefusal(reason: SafetyReason): Refusal {
  if (reason.kind === 'lag-guard') return { field: 'overrideBytes', message: `${reason.message} To promote anyway, type ${reason.bytesAtRisk} in the override field.` };
  return { field: 'candidate', message: reason.message };
}

const aboutCandidate = (reason: SafetyReason) => reason.kind === 'not-a-replica' || reason.kind === 'unhealthy';

/**
 * Applies every promote guard rail to a fresh assessment and says each refusal in plain
 * words: the safety policy ({@link assessPromoteSafety}, with the typed bytes at risk as
 * its override: a figure at least the current one, since lag only moved since) and the
 * person's confirmations ({@link checkConfirmations}). Refusals are said in this order:
 * what was typed, the candidate, the old primary, the WAL at risk.
 */
export function checkPromote(assessment: Assessment, request: PromoteRequest, settings: GuardSettings): GuardVerdict {
  const safety = assessPromoteSafety(assessment, request.candidate, { lagGuardBytes: settings.lagGuardBytes, overrideBytes: typedBytes(request.overrideBytes) });
  const confirmations = checkConfirmations(request, { clusterName: settings.clusterName, fence: safety.candidate ? safety.fence : null });
  const reasons = safety.ok ? [] : safety.reasons;
  const refusals: Refusal[] = [
    ...confirmations.typed,
    ...reasons.filter(aboutCandidate).map(toRefusal),
    ...(confirmations.acknowledgement ? [confirmations.acknowledgement] : []),
    ...reasons.filter((reason) => !aboutCandidate(reason)).map(toRefusal),
  ];
  if (!safety.ok || refusals.length > 0) return { ok: false, refusals, bytesAtRisk: safety.bytesAtRisk };
  return { ok: true, candidate: safety.candidate, fence: safety.fence.mode === 'stop' ? 'stop' : 'acknowledged', overrideBytes: safety.overrideBytes };
}
