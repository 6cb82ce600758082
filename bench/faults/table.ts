import type { RunVerdict } from './history';

/** Synchronous replication promises no acknowledged commit lost; every mode promises never two writable primaries. */
export type ReplicationMode = 'async' | 'sync';

/** Every run of one scenario in one mode, with what Tandem reported beside what was measured. */
export interface ScenarioRuns {
  readonly scenario: string;
  readonly mode: ReplicationMode;
  readonly verdicts: readonly RunVerdict[];
  /** Per run: the RPO in bytes Tandem reported (its failover record), and the bytes measured between the old primary's last LSN and the new one's start; null when there was none. */
  readonly rpoReportedBytes: readonly (number | null)[];
  readonly rpoMeasuredBytes: readonly (number | null)[];
  /** Per run: whether Tandem's own record of the event (failover history, alerts) matched what happened. */
  readonly recordMatched: readonly boolean[];
}

export interface TableRow {
  readonly scenario: string;
  readonly mode: ReplicationMode;
  readonly runs: number;
  readonly splitBrainWindows: number;
  readonly longestSplitBrainMs: number | null;
  readonly lost: number;
  readonly duplicates: number;
  readonly rpoReportedBytes: number | null;
  readonly rpoMeasuredBytes: number | null;
  readonly gapMedianMs: number | null;
  readonly gapMaxMs: number | null;
  readonly recordsMatched: number;
  /** Why the row breaks what its mode promises; empty when it keeps it. */
  readonly problems: readonly string[];
}

function median(values: readonly (number | null)[]): number | null {
  const known = values.filter((value): value is number => value !== null).sort((a, b) => a - b);
  if (known.length === 0) return null;
  const middle = Math.floor(known.length / 2);
  return known.length % 2 === 1 ? known[middle]! : (known[middle - 1]! + known[middle]!) / 2;
}

/** One table row from a scenario's runs, with the promises it breaks said plainly. */
export function summarise(runs: ScenarioRuns): TableRow {
  const windows = runs.verdicts.flatMap((verdict) => verdict.splitBrain);
  const lost = runs.verdicts.reduce((sum, verdict) => sum + verdict.lost.length, 0);
  const duplicates = runs.verdicts.reduce((sum, verdict) => sum + verdict.duplicates.length, 0);
  const gaps = runs.verdicts.map((verdict) => verdict.writeGapMs);
  const longest = windows.length > 0 ? Math.max(...windows.map((window) => window.ms)) : null;
  const recordsMatched = runs.recordMatched.filter(Boolean).length;
  const problems = [
    ...(windows.length > 0 ? [`${windows.length} split-brain window${windows.length === 1 ? '' : 's'} (longest ${longest} ms, ${[...new Set(windows.flatMap((window) => window.members))].join(' and ')} writable at once)`] : []),
    ...(duplicates > 0 ? [`${duplicates} id${duplicates === 1 ? '' : 's'} acknowledged twice: two primaries committed ${duplicates === 1 ? 'it' : 'them'}`] : []),
    ...(runs.mode === 'sync' && lost > 0 ? [`${lost} acknowledged commit${lost === 1 ? '' : 's'} lost in sync mode`] : []),
    ...(recordsMatched < runs.recordMatched.length ? [`Tandem's record disagreed with what happened in ${runs.recordMatched.length - recordsMatched} of ${runs.recordMatched.length} runs`] : []),
  ];
  return {
    scenario: runs.scenario, mode: runs.mode, runs: runs.verdicts.length,
    splitBrainWindows: windows.length, longestSplitBrainMs: longest, lost, duplicates,
    rpoReportedBytes: median(runs.rpoReportedBytes), rpoMeasuredBytes: median(runs.rpoMeasuredBytes),
    gapMedianMs: median(gaps), gapMaxMs: gaps.some((gap) => gap !== null) ? Math.max(...gaps.filter((gap): gap is number => gap !== null)) : null,
    recordsMatched, problems,
  };
}

const cell = (value: number | null, unit = '') => (value === null ? '—' : `${Math.round(value)}${unit}`);

/** The table bench/README.md shows: scenario × mode, then every broken promise under it. */
export function renderTable(rows: readonly TableRow[]): string {
  const header = '| scenario | mode | runs | split-brain windows (longest) | acknowledged commits lost | ids committed twice | RPO bytes: Tandem / measured (median) | write gap median / max | record matched |';
  const lines = rows.map((row) => `| ${row.scenario} | ${row.mode} | ${row.runs} | ${row.splitBrainWindows} (${cell(row.longestSplitBrainMs, ' ms')}) | ${row.lost} | ${row.duplicates} | ${cell(row.rpoReportedBytes)} / ${cell(row.rpoMeasuredBytes)} | ${cell(row.gapMedianMs, ' ms')} / ${cell(row.gapMaxMs, ' ms')} | ${row.recordsMatched} of ${row.runs} |`);
  const broken = rows.flatMap((row) => row.problems.map((problem) => `- FAILED ${row.scenario} (${row.mode}): ${problem}`));
  return [header, `|${' --- |'.repeat(9)}`, ...lines, ...(broken.length > 0 ? ['', ...broken] : [])].join('\n');
}
