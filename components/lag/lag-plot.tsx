'use client';

import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MarkerSpan, ThresholdLine } from '@/lib/lag/live';
import { idleKey, seriesKey, type ChartRow } from '@/lib/lag/shape';
import type { LagHost, LagMetric, LagView } from '@/lib/lag/types';
import { formatBytes } from '@/lib/format/bytes';
import { formatClock, formatLagMs, timeTicks } from '@/lib/lag/units';
import { LagTooltip, type TooltipSeries } from './lag-tooltip';

const HOST_COLORS = ['#4fb38a', '#5b9bd5', '#c678dd', '#d6a74a', '#56b6c2', '#e06c9f'] as const;
const METRIC_DASH: Record<LagMetric, string | undefined> = { replay: undefined, flush: '6 3', write: '2 3' };
const SEVERITY_COLOR = { warning: '#d6a74a', critical: '#e0675f' } as const;

export const hostColor = (index: number): string => HOST_COLORS[index % HOST_COLORS.length]!;

export interface LagPlotProps {
  readonly rows: readonly ChartRow[];
  readonly hosts: readonly LagHost[];
  readonly metrics: readonly LagMetric[];
  readonly view: LagView;
  readonly log: boolean;
  readonly from: number;
  readonly to: number;
  readonly withDate: boolean;
  readonly idle: readonly { from: number; to: number }[];
  readonly markers: readonly MarkerSpan[];
  readonly thresholds: readonly ThresholdLine[];
}

/** The recharts drawing: one line per replica and metric, idle as a faint dashed line at 0, gaps as breaks. */
export function LagPlot({ rows, hosts, metrics, view, log, from, to, withDate, idle, markers, thresholds }: LagPlotProps) {
  const series: TooltipSeries[] = hosts.flatMap((host, index) => metrics.map((metric) => ({ host, metric, color: hostColor(index) })));
  const byTime = new Map(rows.map((row) => [row.at, row]));
  const tick = { fill: '#8b93a3', fontSize: 11 };
  const markerLabel = (marker: MarkerSpan) => ({ value: marker.label, position: marker.from > from + (to - from) * 0.75 ? 'insideTopRight' : 'insideTopLeft', fill: '#5b9bd5', fontSize: 11 }) as const;
  return (
    <ResponsiveContainer width="100%" height={300}>
      <LineChart data={rows as ChartRow[]} margin={{ top: 16, right: 24, bottom: 0, left: 8 }}>
        <CartesianGrid stroke="#262c38" strokeDasharray="3 3" />
        <XAxis dataKey="at" type="number" scale="time" domain={[from, to]} ticks={timeTicks(from, to)} allowDataOverflow tick={tick} tickFormatter={(at: number) => formatClock(at, withDate)} stroke="#262c38" />
        <YAxis
          scale={log ? 'log' : 'linear'}
          domain={log ? [1, 'auto'] : [0, 'auto']}
          allowDataOverflow={log}
          width={72}
          tick={tick}
          stroke="#262c38"
          tickFormatter={(value: number) => (view === 'bytes' ? formatBytes(value) : formatLagMs(value))}
        />
        <Tooltip
          isAnimationActive={false}
          content={({ active, label }) => (active ? <LagTooltip row={byTime.get(Number(label))} series={series} view={view} log={log} withDate={withDate} /> : null)}
        />
        {idle.map((span) => (
          <ReferenceArea key={`idle-${span.from}`} x1={span.from} x2={span.to} fill="#8b93a3" fillOpacity={0.08} ifOverflow="hidden" label={span.to - span.from >= (to - from) * 0.08 ? { value: 'idle', position: 'insideTop', fill: '#8b93a3', fontSize: 11 } : undefined} />
        ))}
        {markers.map((marker) =>
          marker.instant ? (
            <ReferenceLine key={`op-${marker.id}`} x={marker.from} stroke="#5b9bd5" strokeDasharray="4 2" label={markerLabel(marker)} />
          ) : (
            <ReferenceArea key={`op-${marker.id}`} x1={marker.from} x2={marker.to} fill="#5b9bd5" fillOpacity={0.1} ifOverflow="hidden" label={markerLabel(marker)} />
          ),
        )}
        {thresholds.map((line) => (
          <ReferenceLine key={`threshold-${line.severity}-${line.y}`} y={line.y} stroke={SEVERITY_COLOR[line.severity]} strokeDasharray="6 4" ifOverflow={log ? 'extendDomain' : 'discard'} label={{ value: line.label, position: 'insideBottomRight', fill: SEVERITY_COLOR[line.severity], fontSize: 11 }} />
        ))}
        {series.map((entry) => (
          <Line key={seriesKey(entry.metric, entry.host.hostId)} dataKey={seriesKey(entry.metric, entry.host.hostId)} name={`${entry.host.name} ${entry.metric}`} stroke={entry.color} strokeDasharray={METRIC_DASH[entry.metric]} strokeWidth={1.5} dot={false} connectNulls={false} isAnimationActive={false} />
        ))}
        {view === 'time'
          ? series.map((entry) => (
              <Line key={idleKey(entry.metric, entry.host.hostId)} dataKey={idleKey(entry.metric, entry.host.hostId)} name={`${entry.host.name} ${entry.metric} idle`} stroke={entry.color} strokeOpacity={0.45} strokeDasharray="1 4" strokeWidth={2} dot={false} activeDot={false} connectNulls={false} isAnimationActive={false} legendType="none" />
            ))
          : null}
      </LineChart>
    </ResponsiveContainer>
  );
}
