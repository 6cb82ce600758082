import { describe, expect, it } from 'vitest';
import type { RunVerdict } from './history';
import { renderTable, summarise, type ScenarioRuns } from './table';

const clean: RunVerdict = { lost: [], duplicates: [], inDoubt: [], splitBrain: [], writeGapMs: 1200 };
const runs = (overrides: Partial<ScenarioRuns> = {}): ScenarioRuns => ({
  scenario: 'kill -9 of the primary → Tandem promote after 5 s', mode: 'sync',
  verdicts: [clean, { ...clean, writeGapMs: 1500 }, { ...clean, writeGapMs: 900 }],
  rpoReportedBytes: [0, 0, 0], rpoMeasuredBytes: [0, 0, 0], recordMatched: [true, true, true],
  ...overrides,
});

describe('the fault table', () => {
  it('summarises three clean runs: no problem, the write gap as median and max', () => {
    expect(summarise(runs())).toMatchObject({ runs: 3, splitBrainWindows: 0, lost: 0, gapMedianMs: 1200, gapMaxMs: 1500, recordsMatched: 3, problems: [] });
  });

  it('fails a sync row that lost an acknowledged commit, but not an async one (it promises no such thing)', () => {
    const lossy = [clean, { ...clean, lost: [17, 18] }, clean];
    expect(summarise(runs({ verdicts: lossy })).problems).toEqual(['2 acknowledged commits lost in sync mode']);
    expect(summarise(runs({ mode: 'async', verdicts: lossy })).problems).toEqual([]);
  });

  it('fails any row with a split-brain window or an id committed twice, naming the members', () => {
    const split = { ...clean, splitBrain: [{ from: 200, to: 400, members: ['pg1', 'pg2'], ms: 400 }], duplicates: [4] };
    expect(summarise(runs({ mode: 'async', verdicts: [clean, split, clean] })).problems).toEqual([
      '1 split-brain window (longest 400 ms, pg1 and pg2 writable at once)',
      '1 id acknowledged twice: two primaries committed it',
    ]);
  });

  it('fails a row whose record disagreed with the facts, and prints every broken promise under the table', () => {
    const row = summarise(runs({ recordMatched: [true, false, true] }));
    expect(row.problems).toEqual(["Tandem's record disagreed with what happened in 1 of 3 runs"]);
    const text = renderTable([row]);
    expect(text.split('\n')[2]).toBe('| kill -9 of the primary → Tandem promote after 5 s | sync | 3 | 0 (—) | 0 | 0 | 0 / 0 | 1200 ms / 1500 ms | 2 of 3 |');
    expect(text).toContain("- FAILED kill -9 of the primary → Tandem promote after 5 s (sync): Tandem's record disagreed with what happened in 1 of 3 runs");
  });
});
