/**
 * The machine-wide lab lock the vitest lab runs use (lab/vitest-global-setup.ts keeps its
 * helper private, so this is the same protocol): /run/lock/tandem-lab.vitest.lock holds the
 * pid of the run that owns the lab, created with O_EXCL; a dead holder's file is removed.
 * lab.sh lets changing verbs through only from that pid or its descendants.
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
export async function acquireLabLock(): Promise<void> {
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
    if (!told) console.log(`bench: waiting for another lab run (pid ${holder}) to finish`);
    told = true;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

export function releaseLabLock(): void {
  try {
    if (Number(readFileSync(LAB_RUN_LOCK, 'utf8').trim()) === process.pid) unlinkSync(LAB_RUN_LOCK);
  } catch {
    // no lock to release
  }
}
