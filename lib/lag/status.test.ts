import { describe, expect, it } from 'vitest';
import { displayStatus, worstLag, worstStatus } from './status';

describe('displayStatus', () => {
  const latest = { status: 'streaming', at: 100_000 };
  it('says why there is no word before trusting a sample', () => {
    expect(displayStatus({ monitored: false, latest, now: 100_000, pollIntervalMs: 1000 })).toBe('monitoring not enabled');
    expect(displayStatus({ monitored: true, latest: null, now: 100_000, pollIntervalMs: 1000 })).toBe('no data yet');
  });
  it('uses a fresh sample and distrusts an old one', () => {
    expect(displayStatus({ monitored: true, latest, now: 110_000, pollIntervalMs: 1000 })).toBe('streaming');
    expect(displayStatus({ monitored: true, latest, now: 116_000, pollIntervalMs: 1000 })).toBe('no recent data');
    expect(displayStatus({ monitored: true, latest, now: 140_000, pollIntervalMs: 10_000 })).toBe('streaming');
  });
});

describe('worstStatus', () => {
  it('ranks broken links above slow ones and both above healthy ones', () => {
    expect(worstStatus(['streaming', 'catching up'])).toBe('catching up');
    expect(worstStatus(['replay paused', 'stalled', 'streaming'])).toBe('stalled');
    expect(worstStatus(['disconnected', 'unreachable'])).toBe('unreachable');
    expect(worstStatus(['no data yet', 'streaming'])).toBe('streaming');
    expect(worstStatus([])).toBeNull();
  });
});

describe('worstLag', () => {
  it('takes the largest bytes and time lag', () => {
    expect(worstLag([{ replayBytes: 10, replayLagMs: 5 }, { replayBytes: 30, replayLagMs: null }])).toEqual({ bytes: 30, ms: 5, idle: false });
  });
  it('is idle only when every measured replica is idle', () => {
    expect(worstLag([{ replayBytes: 0, replayLagMs: null }, { replayBytes: null, replayLagMs: null }])).toEqual({ bytes: 0, ms: null, idle: true });
    expect(worstLag([{ replayBytes: null, replayLagMs: null }])).toEqual({ bytes: null, ms: null, idle: false });
  });
});
