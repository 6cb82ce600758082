import type { MemberStatus } from '@/lib/members/status';

/** What a replica's status word needs of a member's own answer. */
export type MemberView = Pick<MemberStatus, 'inRecovery' | 'currentLsn' | 'receiveLsn' | 'replayLsn' | 'replayPaused' | 'lastReplayAt'> & {
  /** `pg_stat_wal_receiver.status`; null when no WAL receiver runs. */
  readonly receiverStatus: string | null;
};

/** The poller's view of a member status. Pure. */
export function memberViewOf(status: MemberStatus): MemberView {
  return {
    inRecovery: status.inRecovery, currentLsn: status.currentLsn, receiveLsn: status.receiveLsn, replayLsn: status.replayLsn,
    replayPaused: status.replayPaused, lastReplayAt: status.lastReplayAt, receiverStatus: status.receiver?.status ?? null,
  };
}
