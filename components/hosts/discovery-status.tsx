import type { StoredDiscovery } from '@/lib/db/discovery';

const formatTime = (date: Date) => `${date.toISOString().replace('T', ' ').slice(0, 19)} UTC`;

/** The last connection test: when, and either success or the error with its hint. */
export function DiscoveryStatus({ discovery, pinned }: { discovery: StoredDiscovery | null; pinned: string | null }) {
  if (!discovery) {
    return <p className="text-sm text-muted" data-testid="discovery-status">Not checked yet.</p>;
  }
  const when = `Last checked ${formatTime(discovery.checkedAt)} (${(discovery.durationMs / 1000).toFixed(1)} s)`;
  if (discovery.ok) {
    return <p className="text-sm text-accent" data-testid="discovery-status">Connected. {when}.</p>;
  }
  if (discovery.errorCode === 'host-key-mismatch') {
    return (
      <div role="alert" data-testid="host-key-warning" className="rounded-md border-2 border-danger bg-danger/15 p-4 text-sm">
        <p className="font-semibold text-danger">The host key changed. Tandem refuses to connect.</p>
        <p className="mt-2">
          Pinned: <code className="font-mono text-xs">{pinned}</code>
          <br />
          Presented: <code className="font-mono text-xs">{discovery.presentedFingerprint}</code>
        </p>
        <p className="mt-2 text-muted">
          A reinstalled server or regenerated keys explain this; so would someone intercepting the connection. Find out which
          before replacing the pinned key. {when}.
        </p>
      </div>
    );
  }
  const unpinned = discovery.errorCode === 'host-key-unpinned';
  return (
    <div role="alert" data-testid="discovery-status" className={`rounded-md border p-3 text-sm ${unpinned ? 'border-warn/50 bg-warn/10' : 'border-danger/40 bg-danger/10'}`}>
      <p className={unpinned ? 'text-warn' : 'text-danger'}>{unpinned ? 'First contact: the host key is not accepted yet.' : discovery.error}</p>
      {discovery.hint ? <p className="mt-1 text-muted">{discovery.hint}</p> : null}
      <p className="mt-1 text-xs text-muted">{when}.</p>
    </div>
  );
}
