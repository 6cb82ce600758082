/**
 * Global setup of the `lab` vitest project: brings the lab up before the `*.lab.test.ts`
 * files and takes it down afterwards, failing the run if anything is left behind.
 * Runs of the lab project on one machine take turns (/run/lock/tandem-lab.vitest.lock), and
 * lab.sh refuses to change the lab from outside the run holding it.
 * TANDEM_LAB_KEEP=1 keeps the lab up after the run (for development);
 * TANDEM_LAB_HOSTS sets the number of hosts (default 3).
 */
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findLabLeftovers, labDown, labUp } from './client';

const LOCK_WAIT_MS = 15 * 60_000;

function hostCount(): number {
  const raw = process.env.TANDEM_LAB_HOSTS;
  if (raw === undefined || raw === '') return 3;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 20) throw new Error(`TANDEM_LAB_HOSTS must be 1..20, got ${raw}`);
  return n;
}

/** Machine-wide, like the lab's namespace and bridge names; lab.sh refuses changes from outside the run. */
function runLockPath(): string {
  return '/run/lock/tandem-lab.vitest.lock';
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits until no other live vitest run holds the lab, then takes it. */
async function acquireRunLock(): Promise<void> {
  const lock = runLockPath();
  mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  let told = false;
  for (;;) {
    try {
      writeFileSync(lock, `${process.pid}\n`, { flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(readFileSync(lock, 'utf8').trim());
    if (!Number.isInteger(holder) || holder <= 0 || !alive(holder)) {
      unlinkSync(lock);
      continue;
    }
    if (Date.now() > deadline) throw new Error(`another lab test run (pid ${holder}) has held ${lock} for too long`);
    if (!told) console.log(`lab: waiting for another lab test run (pid ${holder}) to finish`);
    told = true;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

function releaseRunLock(): void {
  try {
    if (Number(readFileSync(runLockPath(), 'utf8').trim()) === process.pid) unlinkSync(runLockPath());
  } catch {
    // no lock to release
  }
}

export async function setup(): Promise<void> {
  if (process.getuid?.() !== 0) {
    throw new Error(
      'The lab tests need root: the lab creates network namespaces, mounts and users. ' +
        'Run them as root (e.g. sudo npx vitest run --project lab).',
    );
  }
  await acquireRunLock();
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
    releaseRunLock();
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
    releaseRunLock();
  }
}
