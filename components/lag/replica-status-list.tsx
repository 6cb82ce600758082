'use client';

import { useEffect, useState } from 'react';
import type { ReplicaStatusView } from '@/lib/db/replica-status-read';
import { displayStatus, type DisplayStatus } from '@/lib/lag/status';
import type { LagPoint } from '@/lib/lag/types';
import { formatBytes } from '@/lib/format/bytes';
import { formatLagMs } from '@/lib/lag/units';
import { ReplicaStatusBadge } from './replica-status-badge';

interface Row {
  readonly hostId: number;
  readonly name: string;
  readonly status: DisplayStatus;
  readonly at: number | null;
  readonly replayBytes: number | null;
  readonly replayLagMs: number | null;
  readonly heartbeatLagMs: number | null;
  readonly syncState: string | null;
  readonly receiverStatus: string | null;
}

const toRow = (replica: ReplicaStatusView): Row => ({
  hostId: replica.hostId, name: replica.name, status: replica.status, at: replica.sample?.at ?? null,
  replayBytes: replica.sample?.replayBytes ?? null, replayLagMs: replica.sample?.replayLagMs ?? null, heartbeatLagMs: replica.sample?.heartbeatLagMs ?? null,
  syncState: replica.sample?.syncState ?? null, receiverStatus: replica.sample?.receiverStatus ?? null,
});

function timeLag(row: Row): string {
  if (row.replayLagMs !== null) return formatLagMs(row.replayLagMs);
  return row.replayBytes !== null ? 'idle' : '—';
}

function applyPoints(rows: readonly Row[], points: readonly LagPoint[]): Row[] {
  return rows.map((row) => {
    const newest = points.filter((point) => point.hostId === row.hostId && (row.at === null || point.at >= row.at)).at(-1);
    return newest ? { ...row, at: newest.at, status: displayStatus({ monitored: true, latest: newest, now: newest.at, pollIntervalMs: 1000 }), replayBytes: newest.replayBytes, replayLagMs: newest.replayLagMs, heartbeatLagMs: newest.heartbeatLagMs } : row;
  });
}

/**
 * Each replica's status word with replay lag, kept current from the cluster's event stream
 * (and turned to "no recent data" when samples stop arriving).
 */
export function ReplicaStatusList({ clusterId, replicas, monitored, pollIntervalMs }: { clusterId: number; replicas: readonly ReplicaStatusView[]; monitored: boolean; pollIntervalMs: number }) {
  const [rows, setRows] = useState<readonly Row[]>(() => replicas.map(toRow));
  const [now, setNow] = useState<number | null>(null);

  useEffect(() => {
    if (!monitored) return;
    const source = new EventSource(`/api/clusters/${clusterId}/lag/stream?after=${Date.now()}`);
    source.addEventListener('samples', (event) => setRows((held) => applyPoints(held, JSON.parse((event as MessageEvent<string>).data) as LagPoint[])));
    const clock = setInterval(() => setNow(Date.now()), 2_000);
    return () => {
      clearInterval(clock);
      source.close();
    };
  }, [clusterId, monitored]);

  if (rows.length === 0) return <p className="text-sm text-muted">No replicas.</p>;
  const shown = (row: Row): DisplayStatus =>
    now !== null && row.at !== null && monitored ? displayStatus({ monitored, latest: { status: row.status, at: row.at }, now, pollIntervalMs }) : row.status;
  return (
    <table className="w-full text-sm" data-testid="replica-status">
      <thead className="text-left text-xs text-muted">
        <tr>
          <th className="py-1 pr-4 font-normal">Replica</th>
          <th className="pr-4 font-normal">Status</th>
          <th className="pr-4 text-right font-normal">Replay behind</th>
          <th className="pr-4 text-right font-normal">Replay lag</th>
          <th className="pr-4 text-right font-normal" title="Age of the heartbeat row on the replica: true time lag even when the primary is idle">Heartbeat lag</th>
          <th className="pr-4 font-normal">Sync</th>
          <th className="font-normal">WAL receiver</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.hostId} className="border-t border-line" data-testid={`replica-status-${row.name}`}>
            <td className="py-1.5 pr-4">{row.name}</td>
            <td className="pr-4"><ReplicaStatusBadge status={shown(row)} testId={`replica-status-word-${row.name}`} /></td>
            <td className="pr-4 text-right font-mono text-xs">{row.replayBytes === null ? '—' : formatBytes(row.replayBytes)}</td>
            <td className="pr-4 text-right font-mono text-xs" title={row.replayLagMs === null && row.replayBytes !== null ? 'PostgreSQL reports no time lag when nothing is in flight' : undefined}>{timeLag(row)}</td>
            <td className="pr-4 text-right font-mono text-xs">{row.heartbeatLagMs === null ? '—' : formatLagMs(row.heartbeatLagMs)}</td>
            <td className="pr-4 text-xs">{row.syncState ?? '—'}</td>
            <td className="text-xs">{row.receiverStatus ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
