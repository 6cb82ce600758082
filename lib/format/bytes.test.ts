import { describe, expect, it } from 'vitest';
import { formatBytes } from './bytes';

const MIB = 1024 * 1024;

describe('formatBytes', () => {
  it('says 16 MiB for the default lag threshold, not 16.0 MiB or 16.8 MB', () => {
    expect(formatBytes(16_777_216)).toBe('16 MiB');
  });

  it('uses IEC units with one decimal below 100 and none from 100 on, dropping a trailing .0', () => {
    expect([0, 512, 1536, 20_000_000, 250 * MIB, 1024 ** 3, 2.5 * 1024 ** 4].map(formatBytes)).toEqual(['0 B', '512 B', '1.5 KiB', '19.1 MiB', '250 MiB', '1 GiB', '2.5 TiB']);
  });

  it('rounds up to the next unit instead of showing 1024 of one', () => {
    expect([1023.6, 1024 * 1024 - 20, 1023.97 * MIB].map(formatBytes)).toEqual(['1 KiB', '1 MiB', '1 GiB']);
  });

  it('keeps the sign and says — for a figure that is not a number', () => {
    expect([-1536, Number.NaN, Number.POSITIVE_INFINITY].map(formatBytes)).toEqual(['-1.5 KiB', '—', '—']);
  });
});
