import { describe, expect, it } from 'vitest';
import { takeCall, type Bucket } from './token-bucket';

/** `count` calls at `now`, each on the bucket the previous one left; how many passed, and the bucket after. */
function burst(bucket: Bucket | undefined, count: number, now: number): { passed: number; bucket: Bucket | undefined; waits: number[] } {
  let passed = 0;
  const waits: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const taken = takeCall(bucket, now);
    bucket = taken.bucket;
    if (taken.retryAfterSeconds === null) passed += 1;
    else waits.push(taken.retryAfterSeconds);
  }
  return { passed, bucket, waits };
}

describe('the API token bucket', () => {
  it('lets a new caller burst 30 calls, then refuses with a Retry-After of at least a second', () => {
    const first = burst(undefined, 35, 1_000);
    expect(first.passed).toBe(30);
    expect(first.waits).toEqual([1, 1, 1, 1, 1]);
  });

  it('adds back 10 calls a second, never more than the burst', () => {
    const empty = burst(undefined, 30, 0).bucket;
    expect(burst(empty, 20, 500).passed).toBe(5);
    expect(burst(empty, 20, 1_000).passed).toBe(10);
    expect(burst(empty, 50, 60_000).passed).toBe(30);
  });

  it('keeps a steady 10 calls a second going for ever', () => {
    let bucket: Bucket | undefined;
    let refused = 0;
    for (let ms = 0; ms < 60_000; ms += 100) {
      const taken = takeCall(bucket, ms);
      bucket = taken.bucket;
      if (taken.retryAfterSeconds !== null) refused += 1;
    }
    expect(refused).toBe(0);
  });

  it('does not refill from a clock that went back', () => {
    const empty = burst(undefined, 30, 10_000).bucket;
    expect(burst(empty, 1, 5_000).passed).toBe(0);
  });

  it('asks for the seconds the next call needs at a slower rate', () => {
    expect(takeCall({ tokens: 0, at: 0 }, 0, { perSecond: 0.25, burst: 2 })).toEqual({ bucket: { tokens: 0, at: 0 }, retryAfterSeconds: 4 });
    expect(takeCall({ tokens: 0, at: 0 }, 2_000, { perSecond: 0.25, burst: 2 })).toEqual({ bucket: { tokens: 0.5, at: 2_000 }, retryAfterSeconds: 2 });
  });
});
