/** Figures and the printed table of the setup bench. */
import os from 'node:os';
import type { StepTiming } from './types';

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const s = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : '—');
const pad = (text: string, width: number) => text.padEnd(width);

export interface Row {
  readonly label: string;
  readonly runs: readonly number[];
}

export function table(rows: readonly Row[]): string {
  const lines = [`${pad('variant', 46)}${pad('runs', 6)}${pad('median s', 10)}${pad('min s', 8)}${pad('max s', 8)}all runs (s)`];
  for (const row of rows) {
    const runs = row.runs.length === 0 ? '(skipped)' : row.runs.map(s).join(', ');
    lines.push(`${pad(row.label, 46)}${pad(String(row.runs.length), 6)}${pad(s(median(row.runs)), 10)}${pad(s(Math.min(...row.runs)), 8)}${pad(s(Math.max(...row.runs)), 8)}${runs}`);
  }
  return lines.join('\n');
}

export function ratio(label: string, numerator: readonly number[], denominator: readonly number[], target?: number): string {
  const value = median(numerator) / median(denominator);
  const verdict = target === undefined || !Number.isFinite(value) ? '' : value <= target ? `  (target ≤ ${target}: met)` : `  (target ≤ ${target}: MISSED)`;
  return `${pad(label, 46)}${Number.isFinite(value) ? `${value.toFixed(2)}×` : '—'}${verdict}`;
}

export interface ColumnsRow {
  readonly label: string;
  /** One set of runs per column (empty where that variant does not apply). */
  readonly columns: readonly (readonly number[])[];
}

/** One line per measure: the median seconds of each column, then the first column's median over the second's. */
export function medianColumns(headers: readonly string[], ratioHeader: string, rows: readonly ColumnsRow[]): string {
  const widths = headers.map((header) => Math.max(header.length + 2, 10));
  const cell = (text: string, i: number) => pad(text, widths[i] ?? 10);
  const lines = [`${pad('measure (median s)', 46)}${headers.map(cell).join('')}${ratioHeader}`];
  for (const row of rows) {
    const [first = [], second = []] = row.columns;
    const value = median(first) / median(second);
    lines.push(`${pad(row.label, 46)}${headers.map((_, i) => cell(s(median(row.columns[i] ?? [])), i)).join('')}${Number.isFinite(value) ? `${value.toFixed(2)}×` : '—'}`);
  }
  return lines.join('\n');
}

/** The slowest steps by their median duration across the Tandem runs. */
export function slowestSteps(runs: readonly (readonly StepTiming[])[], count: number): string[] {
  const byName = new Map<string, number[]>();
  for (const steps of runs) {
    for (const step of steps) {
      if (step.seconds === null) continue;
      const key = `${step.name} [${step.host ?? 'tandem'}]`;
      byName.set(key, [...(byName.get(key) ?? []), step.seconds]);
    }
  }
  return [...byName.entries()]
    .map(([name, values]) => ({ name, seconds: median(values) }))
    .sort((a, b) => b.seconds - a.seconds)
    .slice(0, count)
    .map((step) => `${s(step.seconds).padStart(7)} s  ${step.name}`);
}

export function environment(dbBytes: readonly number[], pgVersion: string, scale: number): string[] {
  const cpu = os.cpus();
  const mb = dbBytes.map((bytes) => `${(bytes / 1024 ** 2).toFixed(0)} MiB`);
  return [
    `cores: ${cpu.length} (${cpu[0]?.model.trim() ?? 'unknown'}), memory ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB, ${os.type()} ${os.release()}, node ${process.version}`,
    `PostgreSQL: ${pgVersion}`,
    `primary data: pgbench -i -s ${scale}; pg_database_size('postgres') per fill: ${[...new Set(mb)].join(', ')}`,
  ];
}
