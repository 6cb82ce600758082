/**
 * Global setup of the `lab` vitest project: brings the lab up before the `*.lab.test.ts`
 * files and takes it down afterwards, failing the run if anything is left behind.
 * Runs of the lab project on one machine take turns (/run/lock/tandem-lab.vitest.lock), and
 * lab.sh refuses to change the lab from outside the run holding it.
 * TANDEM_LAB_KEEP=1 keeps the lab up after the run (for development);
 * TANDEM_LAB_HOSTS sets the number of hosts (default 3).
 */
import { findLabLeftovers, labDown, labUp } from './client';
import { acquireLabRunLock, releaseLabRunLock } from './run-lock';

function hostCount(): number {
  const raw = process.env.TANDEM_LAB_HOSTS;
  if (raw === undefined || raw === '') return 3;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 20) throw new Error(`TANDEM_LAB_HOSTS must be 1..20, got ${raw}`);
  return n;
}

export async function setup(): Promise<void> {
  if (process.getuid?.() !== 0) {
    throw new Error(
      'The lab tests need root: the lab creates network namespaces, mounts and users. ' +
        'Run them as root (e.g. sudo npx vitest run --project lab).',
    );
  }
  await acquireLabRunLock('lab');
  try {
    const started = Date.now();
    // A host an earlier run left without a usable cluster (e.g. an emptied data
    // directory) cannot be repaired in place: rebuild the lab from scratch then.
    const state = await labUp(hostCount()).catch((error: unknown) => {
      console.log(`lab: up could not repair the lab (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); rebuilding it`);
      return labUp(hostCount(), { fresh: true });
    });
    console.log(`lab: ${state.hosts.map((h) => `${h.name}=${h.address}`).join(' ')} up in ${Date.now() - started} ms`);
  } catch (error) {
    releaseLabRunLock();
    throw error;
  }
}

export async function teardown(): Promise<void> {
  try {
    if (process.env.TANDEM_LAB_KEEP === '1') {
      console.log('lab: TANDEM_LAB_KEEP=1, leaving the lab up (npm run lab -- down to remove it)');
      return;
    }
    await labDown();
    const leftovers = await findLabLeftovers();
    if (leftovers.length > 0) {
      throw new Error(`lab down left things behind:\n  ${leftovers.join('\n  ')}`);
    }
  } finally {
    releaseLabRunLock();
  }
}
