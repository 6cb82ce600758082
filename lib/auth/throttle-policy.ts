import { throttleNetwork } from '@/lib/server/ip-address';

const MAX_DELAY_SECONDS = 15 * 60;
const FORGET_AFTER_MS = 60 * 60 * 1000;
/** Failures one account may have from one address before waiting. */
const ACCOUNT_FREE_FAILURES = 3;
/** Failures one address (IPv6: one /64) may have across all accounts before waiting. */
const ADDRESS_FREE_FAILURES = 20;

/** Seconds a key stays blocked after its `failures`-th failure: `free - 1` pass, then 2 s doubling up to 15 minutes. */
export function blockSeconds(failures: number, free = ACCOUNT_FREE_FAILURES): number {
  if (failures < free) return 0;
  return Math.min(2 ** (failures - free + 1), MAX_DELAY_SECONDS);
}

/** One counter a sign-in attempt is charged to, and how many failures it lets through. */
export interface ThrottleKey {
  readonly key: string;
  readonly free: number;
}

/**
 * The counters an attempt is charged to: its address's budget across all e-mails, then the
 * e-mail from that address. There is no counter for the e-mail alone, so failures from one
 * address never lock the account for someone signing in from another. An unknown address
 * shares one budget rather than going unthrottled.
 */
export function throttleKeys(email: string, address: string | null): [ThrottleKey, ThrottleKey] {
  const network = address === null ? 'unknown' : throttleNetwork(address);
  return [
    { key: `ip:${network}`, free: ADDRESS_FREE_FAILURES },
    { key: `account:${network} ${email.trim().toLowerCase()}`, free: ACCOUNT_FREE_FAILURES },
  ];
}

/** A counter as stored. */
export interface ThrottleState {
  readonly failures: number;
  readonly lastFailureAt: Date;
  readonly blockedUntil: Date | null;
}

const blockedFrom = (at: Date, failures: number, free: number): Date | null => {
  const seconds = blockSeconds(failures, free);
  return seconds ? new Date(at.getTime() + seconds * 1000) : null;
};

/**
 * Charging one attempt, before its password is checked: the seconds to wait when the
 * counter is blocked, or its next state (counted as a failure until the attempt succeeds).
 * Failures older than an hour are forgotten.
 */
export function reserve(state: ThrottleState, free: number, now: Date): number | ThrottleState {
  if (state.blockedUntil && state.blockedUntil > now) return Math.ceil((state.blockedUntil.getTime() - now.getTime()) / 1000);
  const failures = now.getTime() - state.lastFailureAt.getTime() > FORGET_AFTER_MS ? 1 : state.failures + 1;
  return { failures, lastFailureAt: now, blockedUntil: blockedFrom(now, failures, free) };
}

/** Taking back one charged attempt (it succeeded, or was refused by another counter): the block is what the remaining failures earn. */
export function release(state: ThrottleState, free: number): ThrottleState {
  const failures = Math.max(0, state.failures - 1);
  return { failures, lastFailureAt: state.lastFailureAt, blockedUntil: blockedFrom(state.lastFailureAt, failures, free) };
}
