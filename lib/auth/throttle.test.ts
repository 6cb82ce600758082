import { describe, expect, it } from 'vitest';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'b'.repeat(64);

const { attemptSucceeded, reserveAttempt } = await import('./throttle');
const { blockSeconds, throttleKeys } = await import('./throttle-policy');

const at = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000);
/** How many of `count` attempts started together were let through to the password check. */
async function admitted(count: number, attempt: () => Promise<number>): Promise<number> {
  const waits = await Promise.all(Array.from({ length: count }, attempt));
  return waits.filter((wait) => wait === 0).length;
}

describe('sign-in throttling policy', () => {
  it('lets the free failures pass, then doubles the wait up to 15 minutes', () => {
    expect([1, 2, 3, 4, 5, 6].map((failures) => blockSeconds(failures))).toEqual([0, 0, 2, 4, 8, 16]);
    expect(blockSeconds(40)).toBe(900);
    expect(blockSeconds(19, 20)).toBe(0);
    expect(blockSeconds(20, 20)).toBe(2);
  });

  it('keys on the address, and on the e-mail (case-insensitive) from that address; IPv6 per /64', () => {
    expect(throttleKeys(' Ada@Example.com ', '203.0.113.9').map((key) => key.key)).toEqual(['ip:203.0.113.9', 'account:203.0.113.9 ada@example.com']);
    expect(throttleKeys('ada@example.com', '2001:db8:1:2::99').map((key) => key.key)).toEqual(['ip:2001:db8:1:2::/64', 'account:2001:db8:1:2::/64 ada@example.com']);
    expect(throttleKeys('ada@example.com', null).map((key) => key.key)).toEqual(['ip:unknown', 'account:unknown ada@example.com']);
  });
});

describe('sign-in throttling', () => {
  it('blocks an e-mail from one address after repeated failures, until the wait is over or an hour forgets them', async () => {
    const now = new Date('2026-11-22T03:00:00Z');
    const attempt = () => reserveAttempt('Mallory@example.com', '198.51.100.4', now);
    expect([await attempt(), await attempt(), await attempt()]).toEqual([0, 0, 0]);
    expect(await attempt()).toBe(2);
    expect(await reserveAttempt('mallory@example.com', '198.51.100.4', at(now, 2))).toBe(0);
    expect(await reserveAttempt('mallory@example.com', '198.51.100.4', at(now, 2))).toBe(4);
    expect(await reserveAttempt('mallory@example.com', '198.51.100.4', at(now, 2 * 3600))).toBe(0);
  });

  it('evaluates at most the free attempts of a parallel burst', async () => {
    const now = new Date('2026-11-22T04:00:00Z');
    expect(await admitted(20, () => reserveAttempt('burst@example.com', '198.51.100.20', now))).toBe(3);
    expect(await reserveAttempt('burst@example.com', '198.51.100.20', now)).toBeGreaterThan(0);
  });

  it('does not lock an account for someone at another address', async () => {
    const now = new Date('2026-11-22T05:00:00Z');
    for (let i = 0; i < 10; i += 1) await reserveAttempt('oncall@example.com', '198.51.100.30', now);
    expect(await reserveAttempt('oncall@example.com', '198.51.100.30', now)).toBeGreaterThan(0);
    expect(await reserveAttempt('oncall@example.com', '192.0.2.44', now)).toBe(0);
    expect(await reserveAttempt('oncall@example.com', '2001:db8:7::1', now)).toBe(0);
  });

  it('gives one address a budget across e-mails, charging attempts refused for an account back', async () => {
    const now = new Date('2026-11-22T06:00:00Z');
    const address = '2001:db8:66::1';
    const spray = Array.from({ length: 40 }, (_, i) => () => reserveAttempt(`user${i}@example.com`, `2001:db8:66::${i.toString(16)}`, now));
    const waits = await Promise.all(spray.map((attempt) => attempt()));
    expect(waits.filter((wait) => wait === 0)).toHaveLength(20);
    expect(await reserveAttempt('someone-else@example.com', address, now)).toBeGreaterThan(0);
    expect(await reserveAttempt('someone-else@example.com', '203.0.113.50', now)).toBe(0);

    const later = at(now, 2 * 3600);
    for (let i = 0; i < 3; i += 1) await reserveAttempt('locked@example.com', '203.0.113.60', later);
    for (let i = 0; i < 30; i += 1) expect(await reserveAttempt('locked@example.com', '203.0.113.60', later)).toBeGreaterThan(0);
    expect(await reserveAttempt('other@example.com', '203.0.113.60', later)).toBe(0);
  });

  it('clears the account from that address on success and takes its charge off the address', async () => {
    const now = new Date('2026-11-22T07:00:00Z');
    for (let i = 0; i < 19; i += 1) await reserveAttempt(`guess${i}@example.com`, '203.0.113.70', now);
    await reserveAttempt('ada@example.com', '203.0.113.70', now);
    await attemptSucceeded('Ada@example.com', '203.0.113.70');
    expect(await reserveAttempt('ada@example.com', '203.0.113.70', now)).toBe(0);
    expect(await reserveAttempt('bob@example.com', '203.0.113.70', now)).toBe(2);
  });
});
