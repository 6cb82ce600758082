import { describe, expect, it } from 'vitest';
import { analyseRun, splitBrainWindows, writeGap, type RunHistory, type WatchRound } from './history';

const round = (at: number, writable: Record<string, boolean | null>): WatchRound => ({ at, writable });

/** A clean failover: pg1 writable until 1000, nobody until 1600, then pg2; every acknowledged row on pg2. */
function cleanFailover(): RunHistory {
  return {
    acknowledged: [{ id: 1, at: 100 }, { id: 2, at: 500 }, { id: 3, at: 900 }, { id: 4, at: 1700 }, { id: 5, at: 1800 }],
    rounds: [
      round(0, { pg1: true, pg2: false, pg3: false }),
      round(200, { pg1: true, pg2: false, pg3: false }),
      round(1000, { pg1: true, pg2: false, pg3: false }),
      round(1200, { pg1: null, pg2: false, pg3: false }),
      round(1400, { pg1: false, pg2: false, pg3: false }),
      round(1600, { pg1: false, pg2: true, pg3: false }),
    ],
    intervalMs: 200,
    faultAt: 1000,
    finalIds: [1, 2, 3, 4, 5],
  };
}

describe('the fault checker\'s history analysis', () => {
  it('finds nothing wrong in a clean failover, and measures its write gap from the last acknowledgement before the fault', () => {
    expect(analyseRun(cleanFailover())).toEqual({ lost: [], duplicates: [], inDoubt: [], splitBrain: [], writeGapMs: 800 });
  });

  it('reports an acknowledged commit missing on the final primary as lost', () => {
    const history = { ...cleanFailover(), finalIds: [1, 2, 4, 5] };
    expect(analyseRun(history).lost).toEqual([3]);
  });

  it('reports an overlap of two writable members as a split-brain window with its members and length', () => {
    const history: RunHistory = {
      ...cleanFailover(),
      rounds: [
        round(0, { pg1: true, pg2: false }),
        round(200, { pg1: true, pg2: true }),
        round(400, { pg1: true, pg2: true }),
        round(600, { pg1: null, pg2: true }),
        round(800, { pg1: true, pg2: true }),
      ],
    };
    expect(splitBrainWindows(history.rounds, 200)).toEqual([
      { from: 200, to: 400, members: ['pg1', 'pg2'], ms: 400 },
      { from: 800, to: 800, members: ['pg1', 'pg2'], ms: 200 },
    ]);
    expect(analyseRun(history).splitBrain).toHaveLength(2);
  });

  it('reports an id acknowledged twice as a duplicate: two primaries committed it', () => {
    const history = { ...cleanFailover(), acknowledged: [...cleanFailover().acknowledged, { id: 4, at: 1900 }] };
    expect(analyseRun(history)).toMatchObject({ duplicates: [4], lost: [] });
  });

  it('counts rows whose acknowledgement never arrived as in doubt, not as a defect', () => {
    const history = { ...cleanFailover(), finalIds: [1, 2, 3, 4, 5, 6] };
    expect(analyseRun(history)).toMatchObject({ inDoubt: [6], lost: [], duplicates: [] });
  });

  it('has no write gap when nothing was acknowledged after the fault', () => {
    expect(writeGap([{ id: 1, at: 100 }], 1000)).toBeNull();
    expect(writeGap([{ id: 1, at: 1200 }, { id: 2, at: 1250 }, { id: 3, at: 2250 }], 1000)).toBe(1000);
  });
});
