const IEC_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/**
 * Every byte figure Tandem shows or sends (pages, alert and webhook texts, refusals,
 * preflight lines) goes through here, so the chart, the alert and the README agree.
 * Powers of 1024 with the explicit IEC symbols: PostgreSQL's own sizes (pg_size_pretty,
 * `16MB` in postgresql.conf) are powers of 1024, and "MiB" cannot be read as 10^6.
 * Decimals rule: whole bytes below 1 KiB; one decimal below 100 of a unit, none from 100 on;
 * a trailing `.0` is dropped. So `512 B`, `1.5 KiB`, `16 MiB`, `19.1 MiB`, `250 MiB`,
 * `1 GiB` (1023.96 KiB rounds up to the next unit, never `1024 KiB`).
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '—';
  const sign = bytes < 0 ? '-' : '';
  let value = Math.abs(bytes);
  let unit = 0;
  while (rounded(value, unit) >= 1024 && unit < IEC_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${sign}${rounded(value, unit).toString()} ${IEC_UNITS[unit]}`;
}

function rounded(value: number, unit: number): number {
  return unit === 0 ? Math.round(value) : Number(value.toFixed(value < 100 ? 1 : 0));
}
