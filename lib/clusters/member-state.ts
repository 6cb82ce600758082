import type { MemberReadout } from '@/lib/members/status';

/** What the topology shows of a member: its role as PostgreSQL reports it and its WAL receiver, or why it did not answer. */
export type MemberState =
  | { reachable: true; inRecovery: boolean; receiver: string | null }
  | { reachable: false; error: string };

/** The topology's state of a member read directly. Pure. */
export function memberStateOf(readout: MemberReadout): MemberState {
  if (!readout.reachable) return { reachable: false, error: readout.error };
  return { reachable: true, inRecovery: readout.status.inRecovery, receiver: readout.status.receiver?.status ?? null };
}
