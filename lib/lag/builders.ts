import type { LagPoint } from './types';

/** A streaming replica's sample with no lag; override what a test is about. */
export function makePoint(overrides: Partial<LagPoint> & { at: number }): LagPoint {
  return {
    hostId: 1,
    status: 'streaming',
    writeBytes: 0,
    flushBytes: 0,
    replayBytes: 0,
    writeLagMs: null,
    flushLagMs: null,
    replayLagMs: null,
    heartbeatLagMs: null,
    ...overrides,
  };
}

/** Points every `stepMs` from `start`, `count` of them, shaped by `each(index)`. */
export function makeRun(start: number, count: number, stepMs: number, each: (index: number) => Partial<LagPoint>): LagPoint[] {
  return Array.from({ length: count }, (_, index) => makePoint({ at: start + index * stepMs, ...each(index) }));
}
