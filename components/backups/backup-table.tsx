import { formatElapsed, formatTime, spanMs } from '@/components/operations/format';
import { Badge } from '@/components/ui/badge';
import type { BackupEntry } from '@/lib/backup/info';
import { formatBytes } from '@/lib/format/bytes';

const headings = ['Type', 'Label', 'Finished', 'Duration', 'Database', 'In the repository', 'WAL', 'Repository'];

/** Every backup the repositories hold, newest first (the catalog as last read). */
export function BackupTable({ backups }: { backups: readonly BackupEntry[] }) {
  if (backups.length === 0) return <p className="text-sm text-muted">The repositories hold no backup yet.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-line">
      <table className="w-full text-left text-sm" data-testid="backup-table">
        <thead className="bg-panel text-xs uppercase tracking-wide text-muted">
          <tr>{headings.map((heading) => <th key={heading} className="px-3 py-2 font-medium">{heading}</th>)}</tr>
        </thead>
        <tbody className="divide-y divide-line">
          {backups.map((backup) => (
            <tr key={`${backup.repository}-${backup.label}`} className="align-top" data-testid={`backup-${backup.label}`}>
              <td className="px-3 py-2">{backup.type}{backup.error ? <> <Badge tone="bad">error</Badge></> : null}</td>
              <td className="px-3 py-2 font-mono text-xs">{backup.label}</td>
              <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{formatTime(backup.stoppedAt)}</td>
              <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{formatElapsed(spanMs(backup.startedAt, backup.stoppedAt, null) ?? 0)}</td>
              <td className="whitespace-nowrap px-3 py-2">{formatBytes(backup.sizeBytes)}</td>
              <td className="whitespace-nowrap px-3 py-2">{formatBytes(backup.repositorySizeBytes)}</td>
              <td className="px-3 py-2 font-mono text-xs">{backup.walStart ?? '?'} – {backup.walStop ?? '?'}</td>
              <td className="px-3 py-2">repo{backup.repository}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
