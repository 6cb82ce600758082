import { describe, expect, it } from 'vitest';
import { addRetention, EMPTY_RETENTION, hoursToDiskFull, type RetentionWindow } from './retention-window';
import { makeTick } from './tick-builders';

const MB = 1024 * 1024;
const GB = 1024 * MB;

interface Reading {
  readonly source: number;
  readonly slots: Record<string, number>;
  readonly diskFreeBytes: number | null;
}

/** Feeds one tick per 10 s for minutes [from, to) and returns the lowest time to full seen (Infinity for none). */
function feed(window: RetentionWindow, from: number, to: number, reading: (minute: number) => Reading): { window: RetentionWindow; soonest: number } {
  let soonest = Number.POSITIVE_INFINITY;
  for (let seconds = from * 60; seconds < to * 60; seconds += 10) {
    const { source, slots, diskFreeBytes } = reading(seconds / 60);
    const tick = makeTick(seconds, {
      writableHostIds: [source],
      sourceHostId: source,
      slots: Object.entries(slots).map(([slotName, retainedBytes]) => ({ slotName, retainedBytes, diskFreeBytes })),
    });
    window = addRetention(window, tick);
    soonest = Math.min(soonest, hoursToDiskFull(window) ?? Number.POSITIVE_INFINITY);
  }
  return { window, soonest };
}

const onPg1 = (minute: number): Reading => ({ source: 1, slots: { pg2: 32 * MB + minute * MB, pg3: 16 * MB }, diskFreeBytes: 70 * GB });

describe('addRetention and hoursToDiskFull', () => {
  it('forecasts a genuinely growing retention on one primary', () => {
    const { soonest } = feed(EMPTY_RETENTION, 0, 20, (minute) => ({ source: 1, slots: { pg2: GB + minute * 300 * MB }, diskFreeBytes: 70 * GB }));
    expect(soonest).toBeGreaterThan(3.5);
    expect(soonest).toBeLessThan(4.5);
  });

  it('does not forecast the disk full within 6 h when retention jumps as slots are recreated on the new primary', () => {
    const before = feed(EMPTY_RETENTION, 0, 10, onPg1);
    const after = feed(before.window, 10, 25, (minute) => ({
      source: 2,
      slots: { pg1: (minute < 11 ? 16 : 4096) * MB, pg3: 16 * MB },
      diskFreeBytes: minute < 10.5 ? null : 72 * GB,
    }));
    expect(before.soonest).toBeGreaterThanOrEqual(6);
    expect(after.soonest).toBeGreaterThanOrEqual(6);
  });

  it('does not forecast within 6 h when retention drops at the promote and a slot reappears holding more', () => {
    const before = feed(EMPTY_RETENTION, 0, 10, (minute) => ({ source: 1, slots: { pg2: GB + minute * 10 * MB }, diskFreeBytes: 70 * GB }));
    const after = feed(before.window, 10, 14, (minute) => ({
      source: 2,
      slots: { pg3: 16 * MB, ...(minute < 11 ? {} : { pg1: 6 * GB }) },
      diskFreeBytes: minute < 12 ? 70 * GB : 72 * GB,
    }));
    expect(after.soonest).toBeGreaterThanOrEqual(6);
  });

  it('restarts the history when the slot set changes on the same primary', () => {
    const { window } = feed(EMPTY_RETENTION, 0, 12, onPg1);
    const added = addRetention(window, makeTick(12 * 60, { slots: [{ slotName: 'pg2', retainedBytes: 44 * MB }, { slotName: 'pg4', retainedBytes: 0 }] }));
    expect(window.points.length).toBeGreaterThan(60);
    expect(added.points).toHaveLength(1);
  });

  it('keeps the window unchanged by a tick without slot readings', () => {
    const { window } = feed(EMPTY_RETENTION, 0, 2, onPg1);
    expect(addRetention(window, makeTick(200, { writableHostIds: [], slots: [] }))).toBe(window);
  });
});
