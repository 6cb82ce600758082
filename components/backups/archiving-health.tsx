import { formatTime } from '@/components/operations/format';
import { formatBytes } from '@/lib/format/bytes';
import type { ArchivingView } from '@/lib/db/backups-read';

/** Each member's WAL archiving as last polled: when the last segment was archived, failures, segments waiting, pg_wal's size. */
export function ArchivingHealth({ members }: { members: readonly ArchivingView[] }) {
  if (members.length === 0) return <p className="text-sm text-muted">No archiving reading yet: the poller reads pg_stat_archiver on every member once monitoring runs.</p>;
  return (
    <table className="w-full text-sm" data-testid="archiving-health">
      <thead className="text-left text-xs uppercase tracking-wide text-muted">
        <tr><th>Member</th><th>Last archived</th><th>Failures</th><th>Waiting</th><th>pg_wal</th><th>Read</th></tr>
      </thead>
      <tbody>
        {members.map((member) => (
          <tr key={member.hostName} className="border-t border-line">
            <td>{member.hostName}{member.primary ? ' (primary)' : ''}</td>
            <td className="font-mono">{formatTime(member.lastArchivedAt)}</td>
            <td className={member.failedCount > 0 ? 'text-danger' : undefined}>{member.failedCount}</td>
            <td>{member.readySegments === null ? '—' : `${member.readySegments} segment${member.readySegments === 1 ? '' : 's'}`}</td>
            <td>{member.walDirectoryBytes === null ? '—' : formatBytes(member.walDirectoryBytes)}</td>
            <td className="font-mono text-muted">{formatTime(member.at)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
