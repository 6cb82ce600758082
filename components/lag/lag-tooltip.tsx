import { idleKey, seriesKey, type ChartRow } from '@/lib/lag/shape';
import type { LagHost, LagMetric, LagView } from '@/lib/lag/types';
import { formatBytes } from '@/lib/format/bytes';
import { formatClock, formatLagMs } from '@/lib/lag/units';

export interface TooltipSeries {
  readonly host: LagHost;
  readonly metric: LagMetric;
  readonly color: string;
}

function valueText(row: ChartRow, series: TooltipSeries, view: LagView, log: boolean): string {
  const value = row[seriesKey(series.metric, series.host.hostId)];
  if (value === null || value === undefined) return row[idleKey(series.metric, series.host.hostId)] !== null && row[idleKey(series.metric, series.host.hostId)] !== undefined ? 'idle' : 'no data';
  if (view === 'time') return formatLagMs(value);
  return log && value <= 1 ? '≤ 1 B' : formatBytes(value);
}

/** The hovered time with each replica's value in its unit, "idle" or "no data" spelled out. */
export function LagTooltip({ row, series, view, log, withDate }: { row: ChartRow | undefined; series: readonly TooltipSeries[]; view: LagView; log: boolean; withDate: boolean }) {
  if (!row) return null;
  return (
    <div className="rounded-md border border-line bg-raised px-3 py-2 text-xs shadow-lg" data-testid="lag-tooltip">
      <p className="mb-1 font-medium">{formatClock(row.at, withDate)} UTC</p>
      <table>
        <tbody>
          {series.map((entry) => (
            <tr key={`${entry.metric}-${entry.host.hostId}`}>
              <td className="pr-2"><span className="mr-1 inline-block size-2 rounded-full" style={{ background: entry.color }} />{entry.host.name}</td>
              <td className="pr-2 text-muted">{entry.metric}</td>
              <td className="text-right font-mono">{valueText(row, entry, view, log)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
