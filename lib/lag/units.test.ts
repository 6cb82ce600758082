import { describe, expect, it } from 'vitest';
import { formatClock, formatHoursAhead, formatLagMs, timeTicks } from './units';

describe('units', () => {
  it('humanises lag in ms, s, min and h', () => {
    expect([0, 850, 4_240, 185_000, 7_800_000].map(formatLagMs)).toEqual(['0 ms', '850 ms', '4.2 s', '3 min 5 s', '2 h 10 min']);
  });
  it('formats clock times in UTC, with the date for long ranges', () => {
    const at = Date.UTC(2026, 10, 21, 14, 5);
    expect(formatClock(at, false)).toBe('14:05');
    expect(formatClock(at, true)).toBe('Nov 21 14:05');
  });
  it('says how far ahead in words', () => {
    expect([0.5, 5.4, 72].map(formatHoursAhead)).toEqual(['30 minutes', '5 hours', '3 days']);
  });
  it('puts time ticks on round UTC times', () => {
    const from = Date.UTC(2026, 10, 21, 14, 3, 20);
    expect(timeTicks(from, from + 5 * 60_000).map((at) => new Date(at).toISOString().slice(11, 19))).toEqual(['14:04:00', '14:05:00', '14:06:00', '14:07:00', '14:08:00']);
    expect(timeTicks(from, from + 86_400_000)).toHaveLength(8);
    expect(timeTicks(from, from + 86_400_000).every((at) => at % 10_800_000 === 0)).toBe(true);
  });
});
