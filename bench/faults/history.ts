/**
 * What one run of a fault scenario recorded, and what it means: the checker's history analysis.
 * Pure: the workload and the watcher collect the history, this decides.
 */

/** A commit the server acknowledged to the writer: its row's unique id and when the acknowledgement arrived (ms). */
export interface Acknowledged {
  readonly id: number;
  readonly at: number;
}

/** One round of the watcher: when it asked, and what each member said (true: writable; false: not; null: no answer). */
export interface WatchRound {
  readonly at: number;
  readonly writable: Readonly<Record<string, boolean | null>>;
}

export interface RunHistory {
  readonly acknowledged: readonly Acknowledged[];
  readonly rounds: readonly WatchRound[];
  /** How often the watcher asks (ms): a window seen in one round lasted at least about this long. */
  readonly intervalMs: number;
  /** When the fault was injected (ms). */
  readonly faultAt: number;
  /** The ids present on the final primary once the run healed and every member rejoined. */
  readonly finalIds: readonly number[];
}

/** Consecutive rounds in which more than one member said it was writable. */
export interface SplitBrainWindow {
  readonly from: number;
  readonly to: number;
  readonly members: readonly string[];
  /** From the first round to the last, plus one interval: how long it was seen, at least. */
  readonly ms: number;
}

export interface RunVerdict {
  /** Acknowledged, but not on the final primary. */
  readonly lost: readonly number[];
  /** Acknowledged more than once: the id was committed on two primaries. */
  readonly duplicates: readonly number[];
  /** On the final primary but never acknowledged: commits whose answer the writer never got (allowed). */
  readonly inDoubt: readonly number[];
  readonly splitBrain: readonly SplitBrainWindow[];
  /** The longest time without an acknowledgement from the fault on (ms), up to the last acknowledgement; null when none came after it. */
  readonly writeGapMs: number | null;
}

function writableMembers(round: WatchRound): string[] {
  return Object.entries(round.writable).filter(([, writable]) => writable === true).map(([member]) => member).sort();
}

/** Every run of consecutive rounds with two or more writable members, in order. */
export function splitBrainWindows(rounds: readonly WatchRound[], intervalMs: number): SplitBrainWindow[] {
  const windows: SplitBrainWindow[] = [];
  let open: { from: number; to: number; members: Set<string> } | null = null;
  for (const round of [...rounds].sort((a, b) => a.at - b.at)) {
    const writable = writableMembers(round);
    if (writable.length > 1) {
      open ??= { from: round.at, to: round.at, members: new Set() };
      open.to = round.at;
      for (const member of writable) open.members.add(member);
      continue;
    }
    if (open) windows.push({ from: open.from, to: open.to, members: [...open.members].sort(), ms: open.to - open.from + intervalMs });
    open = null;
  }
  if (open) windows.push({ from: open.from, to: open.to, members: [...open.members].sort(), ms: open.to - open.from + intervalMs });
  return windows;
}

/** The longest stretch without an acknowledgement, from the fault to the last acknowledgement after it. */
export function writeGap(acknowledged: readonly Acknowledged[], faultAt: number): number | null {
  const times = acknowledged.map((entry) => entry.at).sort((a, b) => a - b);
  const before = times.filter((at) => at <= faultAt).at(-1) ?? faultAt;
  const after = times.filter((at) => at > faultAt);
  if (after.length === 0) return null;
  let longest = 0;
  let previous = before;
  for (const at of after) {
    longest = Math.max(longest, at - previous);
    previous = at;
  }
  return longest;
}

/** What a run's history says: lost and duplicated acknowledged commits, in-doubt ones, split-brain windows and the write gap. */
export function analyseRun(history: RunHistory): RunVerdict {
  const final = new Set(history.finalIds);
  const seen = new Set<number>();
  const duplicates = new Set<number>();
  for (const { id } of history.acknowledged) {
    if (seen.has(id)) duplicates.add(id);
    seen.add(id);
  }
  return {
    lost: [...seen].filter((id) => !final.has(id)).sort((a, b) => a - b),
    duplicates: [...duplicates].sort((a, b) => a - b),
    inDoubt: [...final].filter((id) => !seen.has(id)).sort((a, b) => a - b),
    splitBrain: splitBrainWindows(history.rounds, history.intervalMs),
    writeGapMs: writeGap(history.acknowledged, history.faultAt),
  };
}
