import { formatTime } from '@/components/operations/format';
import { Badge } from '@/components/ui/badge';
import type { RepositorySpace } from '@/lib/backup/repository-forecast';
import { describeRepositorySpace } from './repository-space-text';

/** Each repository's free and total space and the forecast from the last week's growth; object storage says it has no limit to read. */
export function RepositorySpaceList({ spaces }: { spaces: readonly RepositorySpace[] }) {
  if (spaces.length === 0) return <p className="text-sm text-muted">No repository yet.</p>;
  return (
    <ul className="space-y-2 text-sm" data-testid="repository-space">
      {spaces.map((space) => {
        const text = describeRepositorySpace(space);
        return (
          <li key={space.repository} data-repository={space.repository}>
            <span className="font-medium">{text.where}</span>: {text.capacity}
            {text.forecast ? <> <Badge tone={text.tone}>{text.forecast}</Badge></> : null}
            {space.kind === 'host' && space.latest ? <span className="text-xs text-muted"> · read {formatTime(space.latest.at)}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
