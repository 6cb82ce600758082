/**
 * A monitored lab cluster for the monitoring benches: a fresh 3-host lab, the hosts registered
 * with their pinned keys and pg1 → pg2, pg3 set up by the wizard's setup operation (which also
 * creates the monitoring role), as lib/monitor/monitor.lab.test.ts does.
 */
import { labDown, labUp } from '@/lab/client';
import { releaseLabRunLock } from '@/lab/run-lock';
import { stopPoller } from '@/lib/monitor/poller';
import { getSshPool } from '@/lib/ssh/pool';
import { removeBenchDataDir } from './monitor-env';
import { waitForOperation } from '@/lib/operations/runner';
import { labSetupForm, registerLabHosts, startLabSetup } from '@/lib/setup/testing/lab-fixture';

export interface MonitoredLab {
  readonly clusterId: number;
  readonly hostIds: Record<string, number>;
}

export async function monitoredLabCluster(name = 'bench'): Promise<MonitoredLab> {
  await labUp(3, { fresh: true });
  const hostIds = await registerLabHosts(['pg1', 'pg2', 'pg3']);
  const started = await startLabSetup(labSetupForm(hostIds.pg1 ?? 0, [hostIds.pg2 ?? 0, hostIds.pg3 ?? 0], { clusterName: name }));
  const result = await waitForOperation(started.operationId);
  if (result?.status !== 'succeeded') throw new Error(`setup ended ${result?.status ?? 'unknown'}: ${result?.outcome ?? ''}`);
  return { clusterId: started.clusterId, hostIds };
}

/** The value at percentile p (nearest rank) of the values; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

/** An LSN 'X/Y' as a number of bytes (exact below 2^53, i.e. 8 PB of WAL). */
export function lsnBytes(lsn: string): number {
  const [high, low] = lsn.split('/');
  return Number.parseInt(high ?? '0', 16) * 2 ** 32 + Number.parseInt(low ?? '0', 16);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Ends a monitoring bench: stops the poller (at most 15 s), closes SSH connections, runs
 * `beforeLabDown` (e.g. restoring server settings), takes the lab down unless
 * TANDEM_LAB_KEEP=1, releases the lab lock and removes the bench's data directory.
 */
export async function finishMonitorBench(beforeLabDown?: () => Promise<void>): Promise<void> {
  await Promise.race([stopPoller(), sleep(15_000)]);
  getSshPool().closeAll();
  await beforeLabDown?.();
  if (process.env.TANDEM_LAB_KEEP === '1') console.log('TANDEM_LAB_KEEP=1: the lab stays up');
  else await labDown();
  releaseLabRunLock();
  removeBenchDataDir();
}
