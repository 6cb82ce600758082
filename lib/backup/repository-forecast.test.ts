import { describe, expect, it } from 'vitest';
import { forecastRepositoryFull, type RepositorySample } from './repository-forecast';

const HOUR = 3_600_000;
const GIB = 1024 ** 3;
const start = Date.parse('2026-12-01T00:00:00Z');

/** Readings every ten minutes for `hours`, free space going down by `perDay` (a daily backup's step, when `stepwise`). */
function readings(hours: number, freeAtStart: number, perDay: number, stepwise = false): RepositorySample[] {
  return Array.from({ length: hours * 6 + 1 }, (_, index) => {
    const elapsedDays = index / 144;
    const used = stepwise ? Math.floor(elapsedDays) * perDay : elapsedDays * perDay;
    return { at: new Date(start + index * 10 * 60_000), freeBytes: freeAtStart - used, totalBytes: 100 * GIB, usedBytes: null };
  });
}

describe('forecastRepositoryFull', () => {
  it("extrapolates the last week's growth to the day the file system is full", () => {
    const forecast = forecastRepositoryFull(readings(72, 50 * GIB, 4 * GIB));
    expect(forecast?.growthBytesPerDay).toBeCloseTo(4 * GIB, -3);
    expect(forecast?.daysToFull).toBeCloseTo((50 - 12) / 4, 3);
  });

  it('fits a line through the steps of daily backups', () => {
    const forecast = forecastRepositoryFull(readings(7 * 24, 80 * GIB, 5 * GIB, true));
    expect(forecast?.growthBytesPerDay).toBeGreaterThan(4 * GIB);
    expect(forecast?.growthBytesPerDay).toBeLessThan(6 * GIB);
    expect(forecast?.daysToFull).toBeGreaterThan(9);
    expect(forecast?.daysToFull).toBeLessThan(11);
  });

  it('uses only the week before the newest reading', () => {
    const shrinkingThenGrowing = [...readings(48, 50 * GIB, -10 * GIB), ...readings(7 * 24, 70 * GIB, 2 * GIB).map((sample) => ({ ...sample, at: new Date(sample.at.getTime() + 49 * HOUR) }))];
    expect(forecastRepositoryFull(shrinkingThenGrowing)?.growthBytesPerDay).toBeCloseTo(2 * GIB, -3);
  });

  it('says "not growing" when free space holds or grows', () => {
    expect(forecastRepositoryFull(readings(48, 50 * GIB, 0))).toEqual({ growthBytesPerDay: -0, daysToFull: null });
    expect(forecastRepositoryFull(readings(48, 50 * GIB, -GIB))?.daysToFull).toBeNull();
  });

  it('has no forecast with less than a day of readings, and a full file system is full now', () => {
    expect(forecastRepositoryFull([])).toBeNull();
    expect(forecastRepositoryFull(readings(23, 50 * GIB, GIB))).toBeNull();
    expect(forecastRepositoryFull(readings(48, 0, 0))).toEqual({ growthBytesPerDay: -0, daysToFull: 0 });
  });
});
