import { describe, expect, it } from 'vitest';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'b'.repeat(64);

const { blockSeconds, clearFailures, recordFailure, secondsBlocked, throttleKeys } = await import('./throttle');

describe('sign-in throttling', () => {
  it('lets three failures pass, then doubles the wait up to 15 minutes', () => {
    expect([1, 2, 3, 4, 5, 6].map(blockSeconds)).toEqual([0, 0, 2, 4, 8, 16]);
    expect(blockSeconds(40)).toBe(900);
  });

  it('keys on the e-mail (case-insensitive) and on the client address', () => {
    expect(throttleKeys(' Ada@Example.com ', '203.0.113.9')).toEqual(['email:ada@example.com', 'ip:203.0.113.9']);
    expect(throttleKeys('ada@example.com', null)).toEqual(['email:ada@example.com']);
  });

  it('blocks a key after repeated failures, across e-mails from one address, until cleared or forgotten', async () => {
    const now = new Date('2026-11-22T03:00:00Z');
    const keys = throttleKeys('mallory@example.com', '198.51.100.4');
    for (let i = 0; i < 2; i += 1) await recordFailure(keys, now);
    expect(await secondsBlocked(keys, now)).toBe(0);
    await recordFailure(keys, now);
    expect(await secondsBlocked(keys, now)).toBe(2);
    expect(await secondsBlocked(throttleKeys('other@example.com', '198.51.100.4'), now)).toBe(2);
    expect(await secondsBlocked(keys, new Date(now.getTime() + 2_000))).toBe(0);

    await clearFailures('Mallory@example.com');
    expect(await secondsBlocked(['email:mallory@example.com'], now)).toBe(0);

    const later = new Date(now.getTime() + 2 * 3600_000);
    await recordFailure(keys, later);
    expect(await secondsBlocked(keys, later)).toBe(0);
  });
});
