import { describe, expect, it } from 'vitest';
import { generateReplicationPassword, passwordVerifier } from './password';

describe('generateReplicationPassword', () => {
  it('makes 32 characters safe for a .pgpass line from 24 random bytes', () => {
    const password = generateReplicationPassword((size) => new Uint8Array(size).fill(0xfb));
    expect(password).toHaveLength(32);
    expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('refuses a short random source', () => {
    expect(() => generateReplicationPassword(() => new Uint8Array(4))).toThrow(RangeError);
  });
});

describe('passwordVerifier', () => {
  it('stores md5 as PostgreSQL does: md5 + md5(password + role)', () => {
    expect(passwordVerifier('md5', 'replicator', 'secret')).toBe('md57588ba3be47ee11b6e10d90b0641d7da');
  });

  it('stores scram-sha-256 as a verifier, never the password', () => {
    const verifier = passwordVerifier('scram-sha-256', 'replicator', 'secret');
    expect(verifier).toMatch(/^SCRAM-SHA-256\$4096:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(verifier).not.toContain('secret');
  });
});
