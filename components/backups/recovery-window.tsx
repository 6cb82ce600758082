import { formatTime } from '@/components/operations/format';
import type { BackupsView } from '@/lib/db/backups-read';

/** The points a restore can reach, large: what a DBA needs first at 3 a.m. */
export function RecoveryWindow({ window, catalog }: Pick<BackupsView, 'window' | 'catalog'>) {
  if (!window) {
    return <p className="text-sm text-muted" data-testid="recovery-window">No backup yet: nothing can be restored. Take a backup first.</p>;
  }
  return (
    <div className="space-y-2" data-testid="recovery-window">
      <dl className="grid gap-4 sm:grid-cols-2">
        <div>
          <dt className="text-xs uppercase tracking-wide text-muted">Earliest point</dt>
          <dd className="font-mono text-lg" data-testid="recovery-earliest">{formatTime(window.earliest)}</dd>
        </div>
        <div>
          <dt className="text-xs uppercase tracking-wide text-muted">Latest point (last WAL the primary archived)</dt>
          <dd className="font-mono text-lg" data-testid="recovery-latest">{formatTime(window.latest)}</dd>
        </div>
      </dl>
      <p className="text-xs text-muted">
        While archiving works the window reaches up to now: a restore first archives the primary&apos;s current WAL. Tandem reads the primary&apos;s archiver when you restore and refuses a time outside the window.
        Repository last read {formatTime(catalog?.readAt ?? null)}.
      </p>
    </div>
  );
}
