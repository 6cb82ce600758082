import 'server-only';
import { pruneMonitoring, rawRetentionHours, rollupMinutes } from '@/lib/db/monitor-maintenance';

const MINUTE_MS = 60_000;

/**
 * One maintenance pass: rolls up the last three closed minutes (repeating a minute is
 * harmless, and a missed pass is caught up), then prunes in small batches.
 */
export async function runMaintenance(now: Date): Promise<void> {
  const lastClosedEnd = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
  await rollupMinutes(new Date(lastClosedEnd - 3 * MINUTE_MS), new Date(lastClosedEnd));
  await pruneMonitoring(now, await rawRetentionHours());
}
