import { describe, expect, it } from 'vitest';
import { makePoint, makeRun } from './builders';
import { idleKey, idleSpans, seriesKey, shapeRows } from './shape';

const base = { hostIds: [1], metrics: ['replay'] as const, stepMs: 1000, from: 0, to: 60_000 };
const replay = seriesKey('replay', 1);
const idle = idleKey('replay', 1);

describe('shapeRows', () => {
  it('gives one row per sample with the byte lag of each replica', () => {
    const points = [...makeRun(0, 3, 1000, (i) => ({ replayBytes: i * 100 })), ...makeRun(0, 3, 1000, (i) => ({ hostId: 2, replayBytes: i * 7 }))];
    const rows = shapeRows(points, { ...base, to: 2000, hostIds: [1, 2], view: 'bytes' });
    expect(rows).toEqual([
      { at: 0, replay_1: 0, replay_1_idle: null, replay_2: 0, replay_2_idle: null },
      { at: 1000, replay_1: 100, replay_1_idle: null, replay_2: 7, replay_2_idle: null },
      { at: 2000, replay_1: 200, replay_1_idle: null, replay_2: 14, replay_2_idle: null },
    ]);
  });

  it('draws a gap (a null row) where samples are more than 2.5 steps apart, and bridges shorter holes', () => {
    const points = [makePoint({ at: 0, replayBytes: 10 }), makePoint({ at: 2000, replayBytes: 30 }), makePoint({ at: 10_000, replayBytes: 50 })];
    const rows = shapeRows(points, { ...base, to: 10_000, view: 'bytes' });
    expect(rows.map((row) => [row.at, row[replay]])).toEqual([[0, 10], [2000, 30], [3000, null], [10_000, 50]]);
  });

  it('interpolates a replica that missed one tick another replica has, instead of breaking its line', () => {
    const points = [makePoint({ at: 0, replayBytes: 10 }), makePoint({ at: 2000, replayBytes: 30 }), ...makeRun(0, 3, 1000, () => ({ hostId: 2 }))];
    const rows = shapeRows(points, { ...base, to: 2000, hostIds: [1, 2], view: 'bytes' });
    expect(rows.map((row) => row[replay])).toEqual([10, 20, 30]);
  });

  it('draws idle (NULL time lag with measured bytes) on the idle key, never as 0 lag or a gap', () => {
    const points = makeRun(0, 5, 1000, (i) => (i < 2 ? { replayLagMs: 40, replayBytes: 800 } : { replayLagMs: null, replayBytes: 0 }));
    const rows = shapeRows(points, { ...base, to: 4000, view: 'time' });
    expect(rows.map((row) => row[replay])).toEqual([40, 40, null, null, null]);
    expect(rows.map((row) => row[idle])).toEqual([null, 0, 0, 0, 0]);
  });

  it('leaves a disconnected replica (no bytes, no time lag) as a gap, not idle', () => {
    const points = makeRun(0, 3, 1000, () => ({ status: 'disconnected', replayBytes: null, replayLagMs: null }));
    const rows = shapeRows(points, { ...base, to: 2000, view: 'time' });
    expect(rows.every((row) => row[replay] === null && row[idle] === null)).toBe(true);
  });

  it('merges the points of one bucket to their worst value (downsampling)', () => {
    const points = makeRun(0, 3600, 1000, (i) => ({ replayBytes: i === 1234 ? 9_999 : 1 }));
    const rows = shapeRows(points, { ...base, stepMs: 60_000, to: 3_600_000, view: 'bytes' });
    expect(rows).toHaveLength(60);
    expect(rows.filter((row) => row[replay] === 9_999).map((row) => row.at)).toEqual([1_200_000]);
  });

  it('keeps only points inside the range', () => {
    const points = makeRun(0, 10, 1000, () => ({}));
    expect(shapeRows(points, { ...base, from: 5000, to: 7000, view: 'bytes' }).map((row) => row.at)).toEqual([5000, 6000, 7000]);
  });

  it('draws a measured 0 at the floor on a log axis', () => {
    const rows = shapeRows([makePoint({ at: 0, replayBytes: 0 })], { ...base, to: 0, view: 'bytes', floor: 1 });
    expect(rows[0]![replay]).toBe(1);
  });

  it('has one key per shown metric', () => {
    const rows = shapeRows([makePoint({ at: 0, writeBytes: 5, flushBytes: 6, replayBytes: 7 })], { ...base, to: 0, metrics: ['write', 'flush'], view: 'bytes' });
    expect(rows[0]).toEqual({ at: 0, write_1: 5, write_1_idle: null, flush_1: 6, flush_1_idle: null });
  });
});

describe('idleSpans', () => {
  it('finds the stretches where every shown replica is idle', () => {
    const points = makeRun(0, 6, 1000, (i) => (i >= 2 && i < 5 ? {} : { replayLagMs: 12 }));
    const rows = shapeRows(points, { ...base, to: 5000, view: 'time' });
    expect(idleSpans(rows, [1], ['replay'], 1000)).toEqual([{ from: 2000, to: 5000 }]);
  });

  it('is empty when any replica is measured', () => {
    const points = [...makeRun(0, 3, 1000, () => ({})), ...makeRun(0, 3, 1000, () => ({ hostId: 2, replayLagMs: 5 }))];
    const rows = shapeRows(points, { ...base, to: 2000, hostIds: [1, 2], view: 'time' });
    expect(idleSpans(rows, [1, 2], ['replay'], 1000)).toEqual([]);
  });
});
