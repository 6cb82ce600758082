import { describe, expect, it } from 'vitest';
import { forecastDiskFull } from './disk-forecast';

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
  });
});
