/**
 * Runs that change the lab (vitest's lab project, the Playwright suite, benchmarks) take
 * turns: /run/lock/tandem-lab.vitest.lock holds the pid of the run that owns the lab,
 * created exclusively; a dead holder's file is removed. Machine-wide, like the lab's
 * namespace and bridge names; lab.sh refuses changing verbs from outside the holding run.
 */
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const LAB_RUN_LOCK = '/run/lock/tandem-lab.vitest.lock';
const LOCK_WAIT_MS = 30 * 60_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits until no live run holds the lab, then takes it for this process. */
export async function acquireLabRunLock(label: string): Promise<void> {
  mkdirSync(path.dirname(LAB_RUN_LOCK), { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  let told = false;
  for (;;) {
    try {
      writeFileSync(LAB_RUN_LOCK, `${process.pid}\n`, { flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(readFileSync(LAB_RUN_LOCK, 'utf8').trim());
    if (!Number.isInteger(holder) || holder <= 0 || !alive(holder)) {
      unlinkSync(LAB_RUN_LOCK);
      continue;
    }
    if (Date.now() > deadline) throw new Error(`another lab run (pid ${holder}) has held ${LAB_RUN_LOCK} for too long`);
    if (!told) console.log(`${label}: waiting for another lab run (pid ${holder}) to finish`);
    told = true;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Releases the lock if this process holds it. */
export function releaseLabRunLock(): void {
  try {
    if (Number(readFileSync(LAB_RUN_LOCK, 'utf8').trim()) === process.pid) unlinkSync(LAB_RUN_LOCK);
  } catch {
    // no lock to release
  }
}
