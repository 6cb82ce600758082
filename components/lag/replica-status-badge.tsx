import { Badge } from '@/components/ui/badge';
import { STATUS_TONE, type DisplayStatus } from '@/lib/lag/status';

const EXPLAIN: Record<DisplayStatus, string> = {
  streaming: 'Connected and replaying what the primary sends.',
  'catching up': 'Connected, replaying WAL the primary wrote earlier.',
  stalled: 'The primary still lists the replica, but it stopped answering or replay is not moving.',
  disconnected: 'The primary has no walsender for this replica.',
  'replay paused': 'WAL arrives but replay is paused (pg_wal_replay_pause).',
  unreachable: 'Tandem cannot reach this host.',
  'no data yet': 'Monitoring has not recorded a sample for this replica yet.',
  'no recent data': 'The last sample is too old to describe the replica now: is the poller running?',
  'monitoring not enabled': 'This cluster has no monitoring role, so nothing is polled.',
};

/** One word and a colour for a replica's state; the title says what the word means. */
export function ReplicaStatusBadge({ status, testId }: { status: DisplayStatus; testId?: string }) {
  return (
    <span title={EXPLAIN[status]} data-testid={testId} data-status={status}>
      <Badge tone={STATUS_TONE[status]}>{status}</Badge>
    </span>
  );
}
