import { describe, expect, it } from 'vitest';
import { INTERRUPTED_STEP_OUTCOME, lastKnownRunningAt } from '@/lib/replication/engine/interrupted-step';
import { stepDuration } from './format';

const started = '2026-11-22T05:33:11.000Z';
const step = { status: 'succeeded' as const, outcome: 'Done and verified.', startedAt: started, finishedAt: '2026-11-22T05:33:15.200Z', progress: null };
const progressAt = (at: string) => ({ done: 1, total: 10, unit: 'bytes' as const, ratePerSecond: null, etaSeconds: null, at });

describe('stepDuration', () => {
  it('measures a finished step to its end and a running one to now', () => {
    expect(stepDuration(step, null)).toBe('4.2 s');
    expect(stepDuration({ ...step, status: 'running', outcome: null, finishedAt: null }, Date.parse(started) + 1_500)).toBe('1.5 s');
  });

  it('ends an interrupted step at the last moment Tandem knew it ran, not at the restart', () => {
    const interrupted = { ...step, status: 'failed' as const, outcome: INTERRUPTED_STEP_OUTCOME, finishedAt: '2026-11-22T05:33:23.400Z' };
    expect(stepDuration({ ...interrupted, progress: progressAt('2026-11-22T05:33:11.067Z') }, null)).toBe('interrupted after ≥ 67 ms');
    expect(stepDuration(interrupted, null)).toBe('interrupted after ≥ 0 ms');
  });

  it('takes a progress time only when it is after the start', () => {
    const start = new Date(started);
    expect(lastKnownRunningAt(start, '2026-11-22T05:33:12.000Z').toISOString()).toBe('2026-11-22T05:33:12.000Z');
    expect(lastKnownRunningAt(start, '2026-11-22T05:33:10.000Z')).toBe(start);
    expect(lastKnownRunningAt(start, 'not a time')).toBe(start);
    expect(lastKnownRunningAt(start, null)).toBe(start);
  });
});
