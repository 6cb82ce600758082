import { describe, expect, it } from 'vitest';
import { makePoint } from './builders';
import { latestAt, markerSpans, mergePoints, thresholdLines } from './live';
import { formatBytes } from '@/lib/format/bytes';

describe('mergePoints', () => {
  it('appends new points in time order, replaces repeats and trims what fell out of the range', () => {
    const existing = [makePoint({ at: 1000 }), makePoint({ at: 2000, replayBytes: 1 })];
    const merged = mergePoints(existing, [makePoint({ at: 3000 }), makePoint({ at: 2000, replayBytes: 2 })], 1500);
    expect(merged.map((point) => [point.at, point.replayBytes])).toEqual([[2000, 2], [3000, 0]]);
    expect(latestAt(merged)).toBe(3000);
    expect(latestAt([])).toBeNull();
  });
});

describe('mergePoints on long ranges', () => {
  it('folds live points into their bucket with the worst value, so the chart holds one point per bucket', () => {
    const existing = [makePoint({ at: 60_000, replayBytes: 5, replayLagMs: null })];
    const incoming = [
      makePoint({ at: 61_000, replayBytes: 9, replayLagMs: 30 }),
      makePoint({ at: 62_000, replayBytes: 2, replayLagMs: null, status: 'catching up' }),
      makePoint({ at: 121_000, replayBytes: 1 }),
    ];
    const merged = mergePoints(existing, incoming, 0, 60_000);
    expect(merged.map((point) => [point.at, point.replayBytes, point.replayLagMs, point.status])).toEqual([
      [60_000, 9, 30, 'catching up'],
      [120_000, 1, null, 'streaming'],
    ]);
  });
});

describe('markerSpans', () => {
  const marker = { id: 1, kind: 'add_replica', status: 'succeeded', from: 10_000, to: 70_000 };
  it('clips operations to the range and lets a running one reach now', () => {
    expect(markerSpans([marker, { ...marker, id: 2, status: 'running', from: 80_000, to: null }], 20_000, 100_000, 90_000, 1000)).toEqual([
      { id: 1, label: 'add replica (succeeded)', status: 'succeeded', from: 20_000, to: 70_000, instant: false },
      { id: 2, label: 'add replica (running)', status: 'running', from: 80_000, to: 90_000, instant: false },
    ]);
  });
  it('drops operations outside the range and marks short ones as instants', () => {
    expect(markerSpans([marker], 80_000, 90_000, 95_000, 1000)).toEqual([]);
    expect(markerSpans([{ ...marker, to: 11_000 }], 0, 100_000, 100_000, 1000)[0]?.instant).toBe(true);
  });
});

describe('thresholdLines', () => {
  const thresholds = [
    { metric: 'replay_lag_bytes', threshold: 16_000_000, severity: 'warning' },
    { metric: 'replay_lag_seconds', threshold: 10, severity: 'warning' },
  ] as const;
  it('shows the byte threshold on the byte view and the seconds threshold in ms on the time view', () => {
    expect(thresholdLines(thresholds, 'bytes', formatBytes)).toEqual([{ y: 16_000_000, severity: 'warning', label: 'warning 15.3 MiB' }]);
    expect(thresholdLines(thresholds, 'time', (ms) => `${ms} ms`)).toEqual([{ y: 10_000, severity: 'warning', label: 'warning 10000 ms' }]);
  });
});
