import { describe, expect, it } from 'vitest';
import { bearerMatches, generateMetricsToken, hashMetricsToken } from './token';

describe('metrics token', () => {
  const token = generateMetricsToken();
  const hash = hashMetricsToken(token);

  it('generates distinct prefixed tokens and stores only their hash', () => {
    expect(token).toMatch(/^tdm_[A-Za-z0-9_-]{43}$/);
    expect(generateMetricsToken()).not.toBe(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token.slice(4));
  });

  it('accepts exactly the bearer token', () => {
    expect(bearerMatches(`Bearer ${token}`, hash)).toBe(true);
    expect(bearerMatches(`bearer ${token}`, hash)).toBe(true);
  });

  it.each([
    ['no header', null],
    ['a wrong token', 'Bearer tdm_wrong'],
    ['the token without the scheme', token],
    ['basic auth', `Basic ${token}`],
    ['an empty bearer', 'Bearer '],
  ])('refuses %s', (_label, header) => {
    expect(bearerMatches(header, hash)).toBe(false);
  });

  it('refuses everything while no token is set', () => {
    expect(bearerMatches(`Bearer ${token}`, null)).toBe(false);
  });
});
