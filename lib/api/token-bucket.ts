/** A token bucket's fill: how many calls it holds and when it was last filled (epoch ms). */
export interface Bucket {
  readonly tokens: number;
  readonly at: number;
}

export interface BucketRate {
  /** Calls added back per second. */
  readonly perSecond: number;
  /** The most calls the bucket holds: a burst this long passes at once. */
  readonly burst: number;
}

/** 10 calls a second with bursts of 30: a script polling every second is far under it, a runaway loop is not. */
export const API_RATE: BucketRate = { perSecond: 10, burst: 30 };

/**
 * Takes one call from `bucket` (a new caller's starts full) at `now`: the bucket after it, and
 * null, or, when it is empty, the bucket unchanged but refilled and the whole seconds until
 * a call is there again. Pure.
 */
export function takeCall(bucket: Bucket | undefined, now: number, rate: BucketRate = API_RATE): { bucket: Bucket; retryAfterSeconds: number | null } {
  const elapsed = bucket ? Math.max(0, now - bucket.at) / 1000 : 0;
  const tokens = bucket ? Math.min(rate.burst, bucket.tokens + elapsed * rate.perSecond) : rate.burst;
  if (tokens >= 1) return { bucket: { tokens: tokens - 1, at: now }, retryAfterSeconds: null };
  return { bucket: { tokens, at: now }, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / rate.perSecond)) };
}
