import { formatLagMs } from '@/lib/lag/units';

/** Columns padded to their widest cell, two spaces apart, headers in capitals (kubectl's and patronictl's `-f pretty` way); no trailing spaces. */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ').trimEnd();
  return [line(headers), ...rows.map(line)].join('\n') + '\n';
}

/** How long ago an ISO time or epoch ms was: `4.2 s`, `3 min 5 s`, `2 h 10 min` (the pages' lag units); `—` for none. */
export function ago(at: string | number | null, now: number): string {
  if (at === null) return '—';
  return formatLagMs(now - (typeof at === 'number' ? at : Date.parse(at)));
}

/** A nullable cell: `—` for null. */
export function orDash<T>(value: T | null | undefined, format: (value: T) => string = String): string {
  return value === null || value === undefined ? '—' : format(value);
}
