import { formatElapsed } from '@/components/operations/format';
import { formatBytes } from '@/lib/format/bytes';

/**
 * A backup operation's measured figures (Operation.metrics) in words: a backup's duration and
 * sizes, a restore's or drill's RTO (request to a server at its target) and RPO (how far the
 * last replayed transaction is from the target). Figures not recorded are left out.
 */
export function describeBackupFigures(kind: string, m: Readonly<Record<string, number>>): string[] {
  if (kind === 'backup') {
    return [
      m.backupMs === undefined ? null : `took ${formatElapsed(m.backupMs)}`,
      m.sizeBytes === undefined ? null : `database ${formatBytes(m.sizeBytes)}`,
      m.repositorySizeBytes === undefined ? null : `${formatBytes(m.repositorySizeBytes)} added to the repository`,
    ].filter((part): part is string => part !== null);
  }
  if (kind === 'restore' || kind === 'restore-drill') {
    return [
      m.rtoMs === undefined ? null : `RTO ${formatElapsed(m.rtoMs)}`,
      m.rpoMs === undefined ? null : `RPO ${formatElapsed(Math.abs(m.rpoMs))} ${m.rpoMs >= 0 ? 'before' : 'after'} the target`,
    ].filter((part): part is string => part !== null);
  }
  return [];
}
