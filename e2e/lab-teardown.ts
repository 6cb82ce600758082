import { findLabLeftovers, labDown } from '../lab/client';
import { releaseLabRunLock } from '../lab/run-lock';

/** Takes the lab down and fails the run if anything of it is left behind. */
export default async function teardown(): Promise<void> {
  try {
    if (process.env.TANDEM_LAB_KEEP === '1') return;
    await labDown();
    const leftovers = await findLabLeftovers();
    if (leftovers.length) throw new Error(`lab down left things behind:\n${leftovers.join('\n')}`);
  } finally {
    releaseLabRunLock();
  }
}
