import 'server-only';
import { db } from '@/lib/db/client';
import { release, reserve, throttleKeys, type ThrottleKey, type ThrottleState } from './throttle-policy';

/** Enough for every request of a burst to get its turn; past it the attempt is refused for a second. */
const MAX_TRIES = 100;

/**
 * Moves one counter from its stored state to `change(state)` by compare-and-swap: the update
 * only applies while the row still holds the state it was computed from, so parallel
 * requests each see the others' charges. `change` returning seconds means "refused, wait".
 */
async function transition(key: string, change: (state: ThrottleState) => number | ThrottleState): Promise<number> {
  const throttles = (await db()).signInThrottle;
  for (let tries = 0; tries < MAX_TRIES; tries += 1) {
    const state = await throttles.findUnique({ where: { key }, select: { failures: true, lastFailureAt: true, blockedUntil: true } });
    if (!state) {
      await throttles.createMany({ data: [{ key, failures: 0 }], skipDuplicates: true });
      continue;
    }
    const next = change(state);
    if (typeof next === 'number') return next;
    const { count } = await throttles.updateMany({ where: { key, ...state }, data: next });
    if (count === 1) return 0;
  }
  return 1;
}

const releaseKey = ({ key, free }: ThrottleKey) => transition(key, (state) => release(state, free));

/**
 * Charges a sign-in attempt to its address and to its e-mail from that address before the
 * password is checked, so a burst of parallel attempts cannot all pass a check made before
 * any of them failed. Returns the seconds to wait (0: go ahead; the attempt stays counted
 * as a failure unless `attemptSucceeded` is called).
 */
export async function reserveAttempt(email: string, address: string | null, now = new Date()): Promise<number> {
  const [network, account] = throttleKeys(email, address);
  const networkWait = await transition(network.key, (state) => reserve(state, network.free, now));
  if (networkWait > 0) return networkWait;
  const accountWait = await transition(account.key, (state) => reserve(state, account.free, now));
  if (accountWait > 0) await releaseKey(network);
  return accountWait;
}

/** A successful sign-in clears the account's counter from that address and takes its charge off the address's budget. */
export async function attemptSucceeded(email: string, address: string | null): Promise<void> {
  const [network, account] = throttleKeys(email, address);
  await (await db()).signInThrottle.deleteMany({ where: { key: account.key } });
  await releaseKey(network);
}
