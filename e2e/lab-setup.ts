import { labUp } from '../lab/client';

/** Brings up the lab of real hosts for the specs that use it (root only; `up` is idempotent). */
export default async function setup(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error('The end-to-end tests use the lab of real hosts and must run as root.');
  const state = await labUp();
  console.log(`lab: ${state.hosts.map((host) => `${host.name}=${host.address}`).join(' ')}`);
}
