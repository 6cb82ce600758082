import { describe, expect, it } from 'vitest';
import { forecastDiskFull, latestRun } from './disk-forecast';

const MB = 1024 * 1024;
const start = Date.parse('2026-11-22T00:00:00Z');
const series = (perMinuteBytes: number, minutes: number) =>
  Array.from({ length: minutes + 1 }, (_, i) => ({ at: new Date(start + i * 60_000), retainedBytes: 100 * MB + i * perMinuteBytes }));

describe('forecastDiskFull', () => {
  it('divides free disk by the retention growth rate', () => {
    const forecast = forecastDiskFull(series(10 * MB, 10), 600 * 10 * MB);
    expect(forecast?.growthBytesPerHour).toBeCloseTo(600 * MB);
    expect(forecast?.hoursToFull).toBeCloseTo(10);
  });

  it('gives no time to full when retention is flat or shrinking', () => {
    expect(forecastDiskFull(series(0, 10), 1e9)?.hoursToFull).toBeNull();
    expect(forecastDiskFull(series(-MB, 10), 1e9)?.hoursToFull).toBeNull();
  });

  it('refuses to forecast from too little history or unknown free space', () => {
    expect(forecastDiskFull(series(MB, 1), 1e9)).toBeNull();
    expect(forecastDiskFull(series(MB, 10).slice(0, 2), 1e9)).toBeNull();
    expect(forecastDiskFull(series(MB, 10), null)).toBeNull();
    expect(forecastDiskFull(series(100 * MB, 9), 1e9)).toBeNull();
  });

  it('gives no forecast for a step in retention (a slot recreated, a replica stopping), only for steady growth', () => {
    const step = series(0, 20).map((point, i) => (i < 15 ? point : { ...point, retainedBytes: point.retainedBytes + 4 * 1024 * MB }));
    expect(forecastDiskFull(step, 70 * 1024 * MB)).toBeNull();
    const lateOnly = series(0, 20).map((point, i) => (i < 10 ? point : { ...point, retainedBytes: point.retainedBytes + (i - 10) * 500 * MB }));
    expect(forecastDiskFull(lateOnly, 70 * 1024 * MB)).toBeNull();
    const bursty = series(200 * MB, 20).map((point, i) => ({ ...point, retainedBytes: point.retainedBytes + (i % 2) * 50 * MB }));
    expect(forecastDiskFull(bursty, 70 * 1024 * MB)?.hoursToFull).toBeCloseTo(70 * 1024 / (200 * 60), 0);
  });
});

describe('latestRun', () => {
  it('keeps the newest points that share the newest basis', () => {
    expect(latestRun(['a1', 'a2', 'b1', 'a3', 'a4'], (point) => point[0]!)).toEqual(['a3', 'a4']);
    expect(latestRun(['a1', 'a2'], (point) => point[0]!)).toEqual(['a1', 'a2']);
    expect(latestRun([], String)).toEqual([]);
  });
});
