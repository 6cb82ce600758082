import type { MemberState } from '@/lib/clusters/member-states';

/**
 * Why a planned switchover or a drill cannot be offered now, or null when it can: both
 * stop a running primary cleanly and hand over, so with the primary not answering (the
 * state the incident banner shows) or not accepting writes the only way on is Promote.
 * An unread state keeps the forms: the actions check the members again before anything runs. Pure.
 */
export function plannedFailoverUnavailable(primaryName: string, state: MemberState | undefined): string | null {
  if (!state) return null;
  if (!state.reachable) return `${primaryName}, the primary, does not answer: a switchover or a drill needs a running primary; use Promote.`;
  if (state.inRecovery) return `${primaryName}, the primary, is in recovery and takes no writes: a switchover or a drill needs a running primary; use Promote.`;
  return null;
}
