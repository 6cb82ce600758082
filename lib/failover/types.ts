/** What one member said when read just now (or why it could not be read). */
export interface MemberReading {
  readonly hostId: number;
  readonly name: string;
  readonly address: string;
  readonly pgPort: number;
  /** Tandem's record of the member's role. */
  readonly role: 'primary' | 'replica';
  readonly fenced: boolean;
  readonly reachable: boolean;
  readonly error: string | null;
  readonly inRecovery: boolean | null;
  /** pg_current_wal_lsn() when not in recovery. */
  readonly currentLsn: string | null;
  /** pg_last_wal_receive_lsn() and pg_last_wal_replay_lsn() when in recovery. */
  readonly receiveLsn: string | null;
  readonly replayLsn: string | null;
  readonly lastReplayAt: string | null;
  /** Timeline of the last checkpoint (pg_control_checkpoint()). */
  readonly timeline: number | null;
  /** received_tli from pg_stat_wal_receiver, on a standby. */
  readonly receivedTli: number | null;
  readonly receiverStatus: string | null;
  readonly senderHost: string | null;
  readonly slotName: string | null;
  readonly replayPaused: boolean | null;
  readonly dataDirectory: string | null;
}

export interface CandidateView {
  readonly hostId: number;
  readonly name: string;
  readonly healthy: boolean;
  /** Why the member cannot be promoted, in plain words; empty when healthy. */
  readonly problems: readonly string[];
  readonly receiveLsn: string | null;
  readonly replayLsn: string | null;
  /** Replay position behind the reference LSN, bytes; null when unknown. */
  readonly replayLagBytes: number | null;
  /** WAL the candidate holds neither received nor replayed, bytes: the data loss if promoted. */
  readonly lossBytes: number | null;
  readonly lastReplayAt: string | null;
  readonly timeline: number | null;
  readonly receivedTli: number | null;
  readonly receiverStatus: string | null;
  readonly slotName: string | null;
  readonly replayPaused: boolean | null;
}

export type ReferenceSource = 'primary' | 'replicas' | 'stored';

export interface Assessment {
  readonly readAt: string;
  readonly primary: { readonly hostId: number; readonly name: string; readonly reachable: boolean; readonly writable: boolean; readonly currentLsn: string | null; readonly error: string | null } | null;
  /** The last known primary position every lag here is measured against. */
  readonly referenceLsn: string | null;
  readonly referenceSource: ReferenceSource | null;
  readonly candidates: readonly CandidateView[];
  readonly recommended: string | null;
  readonly why: string;
}
