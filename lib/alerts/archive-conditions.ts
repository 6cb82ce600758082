import { formatBytes } from '@/lib/format/bytes';
import { formatLagMs } from '@/lib/lag/units';
import type { WalArchiver } from '@/lib/members/status';
import type { MemberPoll } from '@/lib/monitor/types';

/** One member's archive condition this tick, with its summary when firing. */
export interface ArchiveVerdict {
  readonly state: 'firing' | 'clear' | 'unknown';
  readonly summary: string;
}

const CLEAR: ArchiveVerdict = { state: 'clear', summary: '' };
const UNKNOWN: ArchiveVerdict = { state: 'unknown', summary: '' };

/** A time in alert texts: `2026-11-22 08:00:00 UTC`. */
export const utc = (at: Date) => `${at.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
/** `1 segment`, `2 segments`. */
export const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * Whether PostgreSQL archives WAL on this member: `archive_mode = always`, or `on` while it is
 * not in recovery (a standby with `on` leaves archiving to the primary). Null when the member
 * gave no reading this tick.
 */
function judgedArchiver(member: MemberPoll): WalArchiver | 'not expected' | null {
  const { archiver } = member;
  if (archiver === null || member.inRecovery === null) return null;
  const expected = archiver.archiveMode === 'always' || (archiver.archiveMode === 'on' && !member.inRecovery);
  return expected ? archiver : 'not expected';
}

/** True when the archiver's last failure is more recent than its last success, or it failed and never succeeded. */
function isArchiveFailing(archiver: WalArchiver): boolean {
  if (archiver.failedCount === 0) return false;
  if (archiver.lastArchivedAt === null) return true;
  return archiver.lastFailedAt !== null && archiver.lastFailedAt > archiver.lastArchivedAt;
}

function lastArchived(archiver: WalArchiver, at: Date): string {
  if (archiver.lastArchivedAt === null) return 'nothing archived yet';
  return `last archived ${archiver.lastArchivedWal ?? 'WAL'} ${formatLagMs(at.getTime() - archiver.lastArchivedAt.getTime())} ago`;
}

/** archive_failing for one member: what failed, when, how often, and what to check. */
export function archiveFailingVerdict(member: MemberPoll, at: Date): ArchiveVerdict {
  const archiver = judgedArchiver(member);
  if (archiver === null) return UNKNOWN;
  if (archiver === 'not expected' || !isArchiveFailing(archiver)) return CLEAR;
  const failed = `${archiver.lastFailedWal ?? 'WAL'} failed${archiver.lastFailedAt ? ` at ${utc(archiver.lastFailedAt)}` : ''}`;
  return {
    state: 'firing',
    summary: `${member.hostName} cannot archive WAL: ${failed}, ${plural(archiver.failedCount, 'failure')} counted, ${lastArchived(archiver, at)}; `
      + `check the repository is reachable: pgbackrest check on ${member.hostName}`,
  };
}

/** archive_ready_segments for one member: more segments than `limit` wait for the archiver. */
export function archiveReadyVerdict(member: MemberPoll, limit: number, at: Date): ArchiveVerdict {
  const archiver = judgedArchiver(member);
  if (archiver === null) return UNKNOWN;
  if (archiver === 'not expected') return CLEAR;
  if (archiver.readySegments === null) return UNKNOWN;
  if (archiver.readySegments <= limit) return CLEAR;
  const size = archiver.walDirectoryBytes === null ? '' : `, pg_wal holds ${formatBytes(archiver.walDirectoryBytes)}`;
  return {
    state: 'firing',
    summary: `${member.hostName} is behind in archiving: ${plural(archiver.readySegments, 'WAL segment')} wait for the archiver (limit ${limit})${size}, ${lastArchived(archiver, at)}`,
  };
}
