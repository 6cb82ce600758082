'use client';

import { useMemo, useState } from 'react';
import { markerSpans, thresholdLines } from '@/lib/lag/live';
import { idleSpans, shapeRows } from '@/lib/lag/shape';
import { RANGE_SPECS, type LagSeries, type LagThreshold } from '@/lib/lag/types';
import { formatBytes } from '@/lib/format/bytes';
import { formatLagMs } from '@/lib/lag/units';
import { LagControls, type LagControlsValue } from './lag-controls';
import { hostColor, LagPlot } from './lag-plot';
import { useLagSeries } from './use-lag-series';

export interface LagChartProps {
  readonly clusterId: number;
  /** The first range's data, read on the server (readLagSeries). */
  readonly initial: LagSeries;
  /** Alert thresholds drawn as reference lines (readLagThresholds). */
  readonly thresholds: readonly LagThreshold[];
  /** Follow the cluster's event stream (default true). */
  readonly live?: boolean;
}

const LIVE_TEXT = { live: 'live', paused: 'paused while the tab is hidden', connecting: 'connecting…', off: 'not live' } as const;

/**
 * Per-replica WAL lag over a chosen range: bytes behind the primary (linear or log) or time
 * lag, for write/flush/replay; idle drawn as idle, missing samples as gaps; live while shown.
 */
export function LagChart({ clusterId, initial, thresholds, live = true }: LagChartProps) {
  const [controls, setControls] = useState<LagControlsValue>({ range: initial.range, view: 'bytes', log: false, metrics: ['replay'] });
  const state = useLagSeries(clusterId, initial, controls.range, live);
  const { series, points, to } = state;
  const spec = RANGE_SPECS[series.range];
  const from = to - spec.durationMs;
  const hostIds = useMemo(() => series.hosts.map((host) => host.hostId), [series.hosts]);
  const log = controls.view === 'bytes' && controls.log;
  const rows = useMemo(
    () => shapeRows(points, { hostIds, view: controls.view, metrics: controls.metrics, stepMs: series.stepMs, from, to, ...(log ? { floor: 1 } : {}) }),
    [points, hostIds, controls.view, controls.metrics, series.stepMs, from, to, log],
  );
  const idle = useMemo(() => (controls.view === 'time' ? idleSpans(rows, hostIds, controls.metrics, series.stepMs) : []), [rows, hostIds, controls.view, controls.metrics, series.stepMs]);
  const markers = markerSpans(series.markers, from, to, to, series.stepMs);
  const lines = thresholdLines(thresholds, controls.view, controls.view === 'bytes' ? formatBytes : formatLagMs);
  const empty = points.length === 0;
  return (
    <div className="space-y-3" data-testid="lag-chart" data-range={series.range} data-points={points.length} data-live={state.live}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <LagControls value={controls} onChange={setControls} />
        <p className="text-xs text-muted" aria-live="polite">
          {state.loading ? 'Loading…' : null}
          <span className={`ml-2 inline-block size-2 rounded-full ${state.live === 'live' ? 'bg-accent' : 'bg-line'}`} aria-hidden /> {LIVE_TEXT[state.live]}
        </p>
      </div>
      {state.error ? <p className="text-sm text-danger" role="alert">{state.error}</p> : null}
      {series.hosts.length === 0 ? (
        <p className="text-sm text-muted">This cluster has no replicas to chart.</p>
      ) : (
        <>
          <figure className="relative" aria-label={`${controls.view === 'bytes' ? 'Bytes behind the primary' : 'Time lag'} (${controls.metrics.join(', ')}) per replica, last ${spec.label}`}>
            <LagPlot rows={rows} hosts={series.hosts} metrics={controls.metrics} view={controls.view} log={log} from={from} to={to} withDate={spec.durationMs > 86_400_000} idle={idle} markers={markers} thresholds={lines} />
            {empty ? <p className="pointer-events-none absolute inset-0 flex items-center justify-center text-sm text-muted">No samples in the last {spec.label}.</p> : null}
          </figure>
          <ul className="flex flex-wrap gap-4 text-xs text-muted" aria-label="Replicas">
            {series.hosts.map((host, index) => (
              <li key={host.hostId} className="flex items-center gap-1.5">
                <span className="inline-block h-0.5 w-4" style={{ background: hostColor(index) }} aria-hidden />
                {host.name}
              </li>
            ))}
            <li>replay solid · flush dashed · write dotted{controls.view === 'time' ? ' · idle: faint dotted line at 0 (nothing in flight)' : ''} · gaps: no data</li>
          </ul>
        </>
      )}
    </div>
  );
}
