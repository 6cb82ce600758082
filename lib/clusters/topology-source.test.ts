import { describe, expect, it } from 'vitest';
import { makeTick } from '@/lib/alerts/tick-builders';
import { describeTopologySource, isTickFresh, tickFreshForMs } from './topology-source';

const tick = makeTick(0);
const at = tick.at.getTime();

describe('isTickFresh', () => {
  it('keeps a tick for three tick spacings: 12 s at the default 1 s interval, where a dead host makes a tick wait 2 × 2 s', () => {
    expect(tickFreshForMs(1_000)).toBe(12_000);
    expect(isTickFresh({ tick, pollIntervalMs: 1_000 }, at + 12_000)).toBe(true);
    expect(isTickFresh({ tick, pollIntervalMs: 1_000 }, at + 12_001)).toBe(false);
  });

  it('scales with a slower interval, the deadline capped at 5 s per host', () => {
    expect(tickFreshForMs(10_000)).toBe(30_000);
    expect(tickFreshForMs(60_000)).toBe(180_000);
    expect(isTickFresh({ tick, pollIntervalMs: 10_000 }, at + 20_000)).toBe(true);
  });

  it('has nothing fresh without a tick (an instance that does not poll)', () => {
    expect(isTickFresh(undefined, at)).toBe(false);
  });
});

describe('describeTopologySource', () => {
  it('says where the states came from', () => {
    expect(describeTopologySource({ kind: 'monitor', ageMs: 3_400 })).toBe('from the monitor, 3 s ago');
    expect(describeTopologySource({ kind: 'monitor', ageMs: -20 })).toBe('from the monitor, 0 s ago');
    expect(describeTopologySource({ kind: 'direct' })).toBe('read directly just now');
  });
});
