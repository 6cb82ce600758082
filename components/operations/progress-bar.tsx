import { formatBytes } from '@/lib/format/bytes';
import type { StoredProgress } from '@/lib/replication/engine/types';
import { formatElapsed } from './format';

function amount(value: number, unit: StoredProgress['unit']): string {
  return unit === 'bytes' ? formatBytes(value) : value.toLocaleString('en');
}

/** A step's reported progress: a bar with percent and ETA when the total is known, a counter otherwise. */
export function ProgressBar({ progress, active }: { progress: StoredProgress; active: boolean }) {
  const percent = progress.total && progress.total > 0 ? Math.min(100, (progress.done / progress.total) * 100) : null;
  const rate = progress.ratePerSecond && progress.ratePerSecond > 0 ? `${amount(progress.ratePerSecond, progress.unit)}/s` : null;
  const parts = [
    progress.total === null ? `${amount(progress.done, progress.unit)} so far` : `${amount(progress.done, progress.unit)} of ${amount(progress.total, progress.unit)}`,
    percent === null ? null : `${percent.toFixed(percent < 10 ? 1 : 0)}%`,
    rate,
    active && progress.etaSeconds !== null ? `about ${formatElapsed(progress.etaSeconds * 1000)} left` : null,
  ].filter((part): part is string => part !== null);
  return (
    <div className="space-y-1" data-testid="step-progress">
      <div
        className="h-2 overflow-hidden rounded bg-raised"
        role="progressbar"
        aria-label={progress.label ?? 'Progress'}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent === null ? undefined : Math.round(percent)}
      >
        <div className={`h-full bg-accent ${percent === null ? 'w-1/3 animate-pulse' : ''}`} style={percent === null ? undefined : { width: `${percent}%` }} />
      </div>
      <p className="text-xs text-muted">{[progress.label, parts.join(' · ')].filter(Boolean).join(': ')}</p>
    </div>
  );
}
