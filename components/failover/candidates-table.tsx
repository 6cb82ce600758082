import { Badge } from '@/components/ui/badge';
import { formatBytes } from '@/lib/format/bytes';
import type { Assessment, CandidateView } from '@/lib/failover/types';

function lag(bytes: number | null): string {
  return bytes === null ? 'unknown' : formatBytes(bytes);
}

function receiver(candidate: CandidateView) {
  if (!candidate.healthy) return <Badge tone="bad">{candidate.problems.join('; ')}</Badge>;
  const paused = candidate.replayPaused ? <> <Badge tone="warn">replay paused</Badge></> : null;
  return <><Badge tone={candidate.receiverStatus === 'streaming' ? 'good' : 'warn'}>{candidate.receiverStatus ?? 'no WAL receiver'}</Badge>{paused}</>;
}

/** Every candidate as read just now: LSNs, lag and loss against the reference, replay time, timeline, receiver, slot. */
export function CandidatesTable({ assessment, lagGuardBytes }: { assessment: Assessment; lagGuardBytes: number }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="candidates">
        <thead className="text-xs text-muted">
          <tr>
            <th className="py-1.5 pr-3 font-medium">Replica</th>
            <th className="py-1.5 pr-3 font-medium">Receive / replay LSN</th>
            <th className="py-1.5 pr-3 font-medium">Replay lag</th>
            <th className="py-1.5 pr-3 font-medium">Data loss if promoted</th>
            <th className="py-1.5 pr-3 font-medium">Last replay</th>
            <th className="py-1.5 pr-3 font-medium">Timeline</th>
            <th className="py-1.5 pr-3 font-medium">WAL receiver</th>
            <th className="py-1.5 font-medium">Slot</th>
          </tr>
        </thead>
        <tbody>
          {assessment.candidates.map((candidate) => (
            <tr key={candidate.name} className="border-t border-line" data-testid={`candidate-${candidate.name}`}>
              <td className="py-1.5 pr-3 font-medium">
                {candidate.name} {assessment.recommended === candidate.name ? <Badge tone="good">recommended</Badge> : null}
              </td>
              <td className="py-1.5 pr-3 font-mono text-xs">{candidate.receiveLsn ?? '–'} / {candidate.replayLsn ?? '–'}</td>
              <td className="py-1.5 pr-3">
                {lag(candidate.replayLagBytes)}
                {candidate.replayLagBytes !== null && candidate.replayLagBytes > lagGuardBytes ? <> <Badge tone="warn">over the lag guard</Badge></> : null}
              </td>
              <td className="py-1.5 pr-3">{lag(candidate.lossBytes)}</td>
              <td className="py-1.5 pr-3 text-xs">{candidate.lastReplayAt ? new Date(candidate.lastReplayAt).toISOString().replace('T', ' ').slice(0, 19) : 'none yet'}</td>
              <td className="py-1.5 pr-3">{candidate.timeline ?? '–'}{candidate.receivedTli !== null && candidate.receivedTli !== candidate.timeline ? ` (receiving ${candidate.receivedTli})` : ''}</td>
              <td className="py-1.5 pr-3">{receiver(candidate)}</td>
              <td className="py-1.5 font-mono text-xs">{candidate.slotName ?? 'none'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The primary's state and the reference the lags are measured against, in words. */
export function ReferenceLine({ assessment }: { assessment: Assessment }) {
  const primary = assessment.primary;
  const source = assessment.referenceSource === 'primary' ? 'the primary now' : assessment.referenceSource === 'stored' ? 'the last position Tandem stored' : 'the newest position a replica received';
  return (
    <p className="text-sm">
      {primary ? (
        primary.reachable
          ? <>Primary <strong>{primary.name}</strong> answers{primary.writable ? ' and accepts writes' : ', but is not writable'}. </>
          : <>Primary <strong>{primary.name}</strong> does not answer: <span className="text-danger">{primary.error ?? 'no reply'}</span>. </>
      ) : 'No primary is recorded. '}
      Lags are measured against <span className="font-mono">{assessment.referenceLsn ?? 'unknown'}</span> ({source}), read at {assessment.readAt.slice(11, 19)} UTC.
    </p>
  );
}
