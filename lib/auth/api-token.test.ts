import { describe, expect, it } from 'vitest';
import { apiTokenMatches, bearerApiToken, hashApiToken, issueApiToken, lesserRole } from './api-token';
import { newApiTokenSchema } from './api-token-schema';

describe('API tokens', () => {
  it('are tdm_<lookup>_<secret>, high-entropy, and stored as their SHA-256 only', () => {
    const issued = issueApiToken();
    expect(issued.token).toMatch(/^tdm_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(issued.token.startsWith(`tdm_${issued.lookupId}_`)).toBe(true);
    expect(issued.secretHash).toBe(hashApiToken(issued.token));
    expect(issued.secretHash).not.toContain(issued.token.slice(17));
    expect(new Set(Array.from({ length: 50 }, () => issueApiToken().token)).size).toBe(50);
  });

  it('are read from a bearer header only in their exact shape', () => {
    const { token, lookupId } = issueApiToken();
    expect(bearerApiToken(`Bearer ${token}`)).toEqual({ token, lookupId });
    expect(bearerApiToken(`bearer   ${token} `)).toEqual({ token, lookupId });
    for (const header of [null, '', token, `Basic ${token}`, `Bearer ${token}x`, `Bearer ${token.slice(0, -1)}`, `Bearer tdm_${'0'.repeat(12)}`, `Bearer ${token} ${token}`]) expect(bearerApiToken(header)).toBeNull();
  });

  it('match their stored hash and nothing else', () => {
    const one = issueApiToken();
    const other = issueApiToken();
    expect(apiTokenMatches(one.token, one.secretHash)).toBe(true);
    expect(apiTokenMatches(other.token, one.secretHash)).toBe(false);
    expect(apiTokenMatches(one.token, 'not a hash')).toBe(false);
  });

  it('act with the lesser of two roles', () => {
    expect(lesserRole('admin', 'viewer')).toBe('viewer');
    expect(lesserRole('operator', 'admin')).toBe('operator');
    expect(lesserRole('admin', 'admin')).toBe('admin');
  });

  it('expire after 1 to 365 whole days', () => {
    const parse = (days: string) => newApiTokenSchema.safeParse({ name: 'ci', role: 'viewer', days }).success;
    expect(['1', '90', '365'].map(parse)).toEqual([true, true, true]);
    expect(['0', '366', '', '1.5', '1e2', '-1', ' 7'].map(parse)).toEqual([false, false, false, false, false, false, false]);
  });
});
