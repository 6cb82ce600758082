import { labUp } from '../lab/client';
import { acquireLabRunLock, releaseLabRunLock } from '../lab/run-lock';

/** Brings up a fresh lab of plain hosts for the specs that use it (root only). */
export default async function setup(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error('The end-to-end tests use the lab of real hosts and must run as root.');
  await acquireLabRunLock('e2e');
  const state = await labUp(5, { fresh: true }).catch((error: unknown) => {
    releaseLabRunLock();
    throw error;
  });
  console.log(`lab: ${state.hosts.map((host) => `${host.name}=${host.address}`).join(' ')}`);
}
