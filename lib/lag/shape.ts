import type { LagMetric, LagPoint, LagView } from './types';

export type ChartRow = { at: number } & Record<string, number | null>;

export interface ShapeOptions {
  readonly hostIds: readonly number[];
  readonly view: LagView;
  readonly metrics: readonly LagMetric[];
  readonly stepMs: number;
  readonly from: number;
  readonly to: number;
  /** Log axis: values below this (a measured 0) are drawn at it, since a log scale has no 0. */
  readonly floor?: number;
}

/** Consecutive samples further apart than this many steps are drawn with a gap between them. */
export const GAP_STEPS = 2.5;

interface Bucket {
  readonly at: number;
  readonly bytes: Record<LagMetric, number | null>;
  readonly lagMs: Record<LagMetric, number | null>;
}

type Cell = { readonly value: number | null; readonly idle: boolean };
const NO_DATA: Cell = { value: null, idle: false };

export const seriesKey = (metric: LagMetric, hostId: number): string => `${metric}_${hostId}`;
export const idleKey = (metric: LagMetric, hostId: number): string => `${metric}_${hostId}_idle`;

const maxOf = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.max(a, b));

function bucketsByHost(points: readonly LagPoint[], stepMs: number, from: number, to: number): Map<number, Bucket[]> {
  const merged = new Map<number, Map<number, Bucket>>();
  for (const point of points) {
    if (point.at < from || point.at > to) continue;
    const at = Math.floor(point.at / stepMs) * stepMs;
    const host = merged.get(point.hostId) ?? new Map<number, Bucket>();
    merged.set(point.hostId, host);
    const prev = host.get(at);
    const bytes = { write: point.writeBytes, flush: point.flushBytes, replay: point.replayBytes };
    const lagMs = { write: point.writeLagMs, flush: point.flushLagMs, replay: point.replayLagMs };
    host.set(at, prev ? {
      at,
      bytes: { write: maxOf(prev.bytes.write, bytes.write), flush: maxOf(prev.bytes.flush, bytes.flush), replay: maxOf(prev.bytes.replay, bytes.replay) },
      lagMs: { write: maxOf(prev.lagMs.write, lagMs.write), flush: maxOf(prev.lagMs.flush, lagMs.flush), replay: maxOf(prev.lagMs.replay, lagMs.replay) },
    } : { at, bytes, lagMs });
  }
  const result = new Map<number, Bucket[]>();
  for (const [hostId, host] of merged) result.set(hostId, [...host.values()].sort((a, b) => a.at - b.at));
  return result;
}

function cellOf(bucket: Bucket, metric: LagMetric, view: LagView): Cell {
  const bytes = bucket.bytes[metric];
  if (view === 'bytes') return { value: bytes, idle: false };
  const ms = bucket.lagMs[metric];
  if (ms !== null) return { value: ms, idle: false };
  return { value: null, idle: bytes !== null };
}

function between(prev: Cell, next: Cell, weight: number): Cell {
  if (prev.value !== null && next.value !== null) return { value: prev.value + (next.value - prev.value) * weight, idle: false };
  const known = (cell: Cell) => cell.idle || cell.value !== null;
  if ((prev.idle || next.idle) && known(prev) && known(next)) return { value: null, idle: true };
  return NO_DATA;
}

/** Each row time's cell for one host and metric: measured, idle, interpolated across a short hole, or no data. */
function cellsFor(buckets: readonly Bucket[], times: readonly number[], metric: LagMetric, view: LagView, gapMs: number): Cell[] {
  const cells: Cell[] = [];
  let index = 0;
  for (const at of times) {
    while (index < buckets.length && buckets[index]!.at < at) index += 1;
    const here = buckets[index];
    if (here && here.at === at) {
      cells.push(cellOf(here, metric, view));
      continue;
    }
    const prev = buckets[index - 1];
    if (!prev || !here || here.at - prev.at > gapMs) {
      cells.push(NO_DATA);
      continue;
    }
    cells.push(between(cellOf(prev, metric, view), cellOf(here, metric, view), (at - prev.at) / (here.at - prev.at)));
  }
  return cells;
}

function rowTimes(byHost: Map<number, Bucket[]>, stepMs: number, gapMs: number, to: number): number[] {
  const times = new Set<number>();
  for (const buckets of byHost.values()) {
    buckets.forEach((bucket, index) => {
      times.add(bucket.at);
      const next = buckets[index + 1];
      if (next && next.at - bucket.at > gapMs) times.add(bucket.at + stepMs);
      if (!next && to - bucket.at > gapMs) times.add(bucket.at + stepMs);
    });
  }
  return [...times].filter((at) => at <= to).sort((a, b) => a - b);
}

/**
 * Turns stored points into recharts rows: one row per bucket time, one key per replica and
 * metric (`replay_3`), plus an idle key (`replay_3_idle`, drawn flat at 0 and labelled idle).
 * Points in one bucket merge to their worst value. Samples more than GAP_STEPS steps apart get
 * a null row between them (a gap: no data), shorter holes are bridged. In the time view a NULL
 * lag with measured bytes is idle: its series key is null and its idle key carries the line,
 * joined to the measured neighbours so idle never looks like missing data.
 */
export function shapeRows(points: readonly LagPoint[], options: ShapeOptions): ChartRow[] {
  const { stepMs, from, to, view, metrics } = options;
  const gapMs = stepMs * GAP_STEPS;
  const byHost = bucketsByHost(points, stepMs, from, to);
  const times = rowTimes(byHost, stepMs, gapMs, to);
  const rows: ChartRow[] = times.map((at) => ({ at }) as ChartRow);
  const floor = options.floor;
  const plotted = (value: number | null) => (value === null || floor === undefined ? value : Math.max(value, floor));
  for (const hostId of options.hostIds) {
    const buckets = byHost.get(hostId) ?? [];
    for (const metric of metrics) {
      const cells = cellsFor(buckets, times, metric, view, gapMs);
      const key = seriesKey(metric, hostId);
      const idle = idleKey(metric, hostId);
      cells.forEach((cell, index) => {
        const row = rows[index]!;
        row[key] = plotted(cell.value);
        const touchesIdle = cell.idle || (cell.value !== null && (cells[index - 1]?.idle === true || cells[index + 1]?.idle === true));
        row[idle] = view === 'time' && touchesIdle ? plotted(0) : null;
      });
    }
  }
  return rows;
}

/** Stretches of the chart where every shown replica is idle (no measured lag, no missing data): drawn as a labelled band. */
export function idleSpans(rows: readonly ChartRow[], hostIds: readonly number[], metrics: readonly LagMetric[], stepMs: number): { from: number; to: number }[] {
  const spans: { from: number; to: number }[] = [];
  if (hostIds.length === 0 || metrics.length === 0) return spans;
  let open: { from: number; to: number } | null = null;
  for (const row of rows) {
    const allIdle = hostIds.every((hostId) => metrics.every((metric) => row[seriesKey(metric, hostId)] === null && row[idleKey(metric, hostId)] !== null));
    if (allIdle) {
      open = open ? { from: open.from, to: row.at + stepMs } : { from: row.at, to: row.at + stepMs };
    } else if (open) {
      spans.push(open);
      open = null;
    }
  }
  if (open) spans.push(open);
  return spans;
}
