/** `0 ms`, `850 ms`, `4.2 s`, `3 min 5 s`, `2 h 10 min`. */
export function formatLagMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(Math.round(ms / 100) / 10).toString()} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

const TICK_STEPS_MS = [10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400].map((seconds) => seconds * 1000);

/** Round clock times for the time axis: the smallest step giving at most `maxTicks` ticks (UTC minutes, hours, days). */
export function timeTicks(from: number, to: number, maxTicks = 8): number[] {
  const span = Math.max(1, to - from);
  const step = TICK_STEPS_MS.find((candidate) => span / candidate <= maxTicks) ?? TICK_STEPS_MS[TICK_STEPS_MS.length - 1]!;
  const ticks: number[] = [];
  for (let at = Math.ceil(from / step) * step; at <= to; at += step) ticks.push(at);
  return ticks;
}

/** `14:05` for short ranges, `Nov 21 14:05` when the range spans days (UTC, stable on server and browser). */
export function formatClock(at: number, withDate: boolean): string {
  const iso = new Date(at).toISOString();
  const time = iso.slice(11, 16);
  if (!withDate) return time;
  const month = new Date(at).toLocaleString('en', { month: 'short', timeZone: 'UTC' });
  return `${month} ${Number(iso.slice(8, 10))} ${time}`;
}

/** `in about 5 hours`, `in about 40 minutes`, `in about 3 days`. */
export function formatHoursAhead(hours: number): string {
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))} minutes`;
  if (hours < 48) return `${Math.round(hours)} hours`;
  return `${Math.round(hours / 24)} days`;
}
