import { forecastDiskFull, type RetentionPoint } from '@/lib/monitor/disk-forecast';
import type { ClusterTick } from '@/lib/monitor/types';

/** A short history of a cluster's total retained WAL, enough for a disk-full forecast. */
export interface RetentionWindow {
  readonly points: readonly RetentionPoint[];
  readonly diskFreeBytes: number | null;
  /** The host the slots were read on and their names: the history is one series only while these hold. */
  readonly basis: string | null;
}

export const EMPTY_RETENTION: RetentionWindow = { points: [], diskFreeBytes: null, basis: null };

const WINDOW_MS = 30 * 60_000;
const STEP_MS = 10_000;

/**
 * Adds a tick's total retained WAL (sum over slots) to the window, at most one point per 10 s
 * and 30 min long, so the forecast follows the recent trend at a bounded cost. A tick without
 * slot readings leaves the window as it was (nothing measured is not zero retention). The
 * window starts over when the slots come from another host or the slot set changes (a
 * promote, a replica added or removed): retained WAL of slots on different primaries, or of
 * a slot that was just recreated, is no trend, and the old host's free disk is not the new one's.
 */
export function addRetention(window: RetentionWindow, tick: ClusterTick): RetentionWindow {
  const measured = tick.slots.filter((slot) => slot.retainedBytes !== null);
  if (measured.length === 0) return window;
  const basis = `${tick.sourceHostId ?? '-'}:${measured.map((slot) => slot.slotName).sort().join(',')}`;
  const kept = basis === window.basis ? window : EMPTY_RETENTION;
  const retainedBytes = measured.reduce((sum, slot) => sum + (slot.retainedBytes ?? 0), 0);
  const diskFreeBytes = tick.slots.find((slot) => slot.diskFreeBytes !== null)?.diskFreeBytes ?? kept.diskFreeBytes;
  const last = kept.points[kept.points.length - 1];
  const at = tick.at.getTime();
  if (last && at - last.at.getTime() < STEP_MS) return { points: kept.points, diskFreeBytes, basis };
  const points = [...kept.points.filter((point) => at - point.at.getTime() <= WINDOW_MS), { at: tick.at, retainedBytes }];
  return { points, diskFreeBytes, basis };
}

/** Hours until the WAL disk is full at the window's growth rate, or null without a forecast. */
export function hoursToDiskFull(window: RetentionWindow): number | null {
  return forecastDiskFull(window.points, window.diskFreeBytes)?.hoursToFull ?? null;
}
