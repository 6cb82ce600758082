import { formatBytes } from '@/lib/format/bytes';
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

/** The lag guard's figure: how far the candidate's replay is behind the last known primary position. */
export function bytesAtRisk(candidate: CandidateView): number | null {
  return candidate.replayLagBytes;
}

/**
 * Applies every promote guard rail to a fresh assessment and says each refusal in plain
 * words: the candidate must answer and be in recovery; the cluster name typed; a reason;
 * an unreachable old primary acknowledged as down or isolated (Tandem cannot stop it);
 * a candidate whose replay is further behind than the cluster's lag guard needs the bytes
 * at risk typed (a typed figure at least the current one, since lag only moved since).
 */
export function checkPromote(assessment: Assessment, request: PromoteRequest, settings: GuardSettings): GuardVerdict {
  const refusals: Refusal[] = [];
  const candidate = assessment.candidates.find((entry) => entry.name === request.candidate);
  if (request.confirmName.trim() !== settings.clusterName) refusals.push({ field: 'confirmName', message: `Type the cluster name, ${settings.clusterName}, to confirm.` });
  if (request.reason.trim().length < 3) refusals.push({ field: 'reason', message: 'Say why you promote (kept in the audit log and on the operation).' });
  if (!candidate) {
    refusals.push({ field: 'candidate', message: `${request.candidate || 'That host'} is not a replica of this cluster.` });
    return { ok: false, refusals, bytesAtRisk: null };
  }
  if (!candidate.healthy) refusals.push({ field: 'candidate', message: `${candidate.name} cannot be promoted: it ${candidate.problems.join(' and ')}.` });
  const primary = assessment.primary;
  const fence = primary && primary.reachable ? 'stop' as const : 'acknowledged' as const;
  if (fence === 'acknowledged' && !request.acknowledgeDown) {
    const who = primary ? `The primary ${primary.name} does not answer (${primary.error ?? 'no reply'})` : 'This cluster has no recorded primary';
    refusals.push({ field: 'acknowledgeDown', message: `${who}, so Tandem cannot stop it. Confirm that it is down or cut off from its clients; if it still takes writes after the promote you will have two primaries.` });
  }
  const atRisk = bytesAtRisk(candidate);
  let overrideBytes: number | null = null;
  if (atRisk === null && assessment.referenceLsn === null) {
    refusals.push({ field: 'candidate', message: 'No primary position is known to measure lag against; read the candidates again.' });
  } else if (atRisk !== null && atRisk > settings.lagGuardBytes) {
    const typed = /^\d{1,16}$/.test(request.overrideBytes.trim()) ? Number(request.overrideBytes.trim()) : null;
    if (typed === null || typed < atRisk) {
      refusals.push({
        field: 'overrideBytes',
        message: `Lag guard: ${candidate.name}'s replay is ${formatBytes(atRisk)} (${atRisk} bytes) behind the last known primary position, more than this cluster's limit of ${formatBytes(settings.lagGuardBytes)}. Committed transactions in those bytes may be lost. To promote anyway, type ${atRisk} in the override field.`,
      });
    } else {
      overrideBytes = typed;
    }
  }
  if (refusals.length > 0) return { ok: false, refusals, bytesAtRisk: atRisk };
  return { ok: true, candidate, fence, overrideBytes };
}
