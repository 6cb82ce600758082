import { formatBytes } from '@/lib/format/bytes';

const seconds = (ms: number | undefined) => (ms === undefined ? null : `${(ms / 1000).toFixed(2)} s`);

/**
 * The measured figures of a promote, switchover, rejoin or drill (Operation.metrics) in
 * words, for the failover history and the operation page. Figures not recorded are left out.
 */
export function describeFailoverFigures(kind: string, m: Readonly<Record<string, number>>): string[] {
  const parts: (string | null)[] = [];
  if (kind === 'drill') {
    parts.push(m.thereRtoWritableMs !== undefined ? `there: writable after ${seconds(m.thereRtoWritableMs)}, write gap ${seconds(m.thereWriteGapMs)}` : null);
    parts.push(m.backRtoWritableMs !== undefined ? `back: writable after ${seconds(m.backRtoWritableMs)}, write gap ${seconds(m.backWriteGapMs)}` : null);
    parts.push(m.drillCommits !== undefined ? `${m.drillCommits} commits, ${m.drillLost ?? '?'} lost, longest gap ${seconds(m.drillMaxGapMs)}` : null);
  } else {
    parts.push(m.rtoWritableMs !== undefined ? `RTO ${seconds(m.rtoWritableMs)} to writable, ${seconds(m.rtoTotalMs)} in all` : null);
    parts.push(m.writeGapMs !== undefined ? `write gap ${seconds(m.writeGapMs)}` : null);
    parts.push(m.rpoBytes !== undefined ? `RPO ${formatBytes(m.rpoBytes)}` : null);
    parts.push(m.rewindMs !== undefined ? `pg_rewind ${seconds(m.rewindMs)}` : null);
    parts.push(m.rewindKeptBytes !== undefined ? `${formatBytes(m.rewindKeptBytes)} of WAL since the fork kept before pg_rewind` : null);
    parts.push(m.fenceAcknowledged === 1 && m.fenceStopped === 0 ? 'old primary fenced on acknowledgement (unreachable)' : m.fenceStopped === 1 ? 'old primary stopped and fenced' : null);
  }
  return parts.filter((part): part is string => part !== null);
}
