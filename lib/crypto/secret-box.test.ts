import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret, SecretTamperedError } from './secret-box';
import { loadSecretKey, parseSecretKey } from './secret-key';

const key = randomBytes(32);
const privateKey = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n';

describe('secret box', () => {
  it('round-trips a secret, including unicode and empty text', () => {
    for (const secret of [privateKey, 'pässwörd \'"$(x)`;', '']) {
      const sealed = sealSecret(key, secret, 'host.sshSecret');
      expect(sealed).not.toContain(secret || 'never');
      expect(openSecret(key, sealed, 'host.sshSecret')).toBe(secret);
    }
  });

  it('uses a fresh IV each time', () => {
    expect(sealSecret(key, 'same', 'c')).not.toBe(sealSecret(key, 'same', 'c'));
  });

  it('rejects a flipped bit in any part as tampering, not garbage', () => {
    const sealed = sealSecret(key, 'secret', 'host.sshSecret');
    const parts = sealed.split('.');
    for (let index = 1; index < parts.length; index += 1) {
      const bytes = Buffer.from(parts[index] ?? '', 'base64url');
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      const altered = parts.map((part, i) => (i === index ? bytes.toString('base64url') : part)).join('.');
      expect(() => openSecret(key, altered, 'host.sshSecret')).toThrow(SecretTamperedError);
    }
    expect(() => openSecret(key, 'v1.garbage', 'host.sshSecret')).toThrow(SecretTamperedError);
  });

  it('rejects another key and another context', () => {
    const sealed = sealSecret(key, 'secret', 'host.sshSecret');
    expect(() => openSecret(randomBytes(32), sealed, 'host.sshSecret')).toThrow(SecretTamperedError);
    expect(() => openSecret(key, sealed, 'host.sshPassphrase')).toThrow(SecretTamperedError);
  });
});

describe('secret key', () => {
  it('parses hex and base64 and refuses other lengths', () => {
    const raw = randomBytes(32);
    expect(parseSecretKey(raw.toString('hex'))).toEqual(raw);
    expect(parseSecretKey(raw.toString('base64'))).toEqual(raw);
    expect(() => parseSecretKey('abc')).toThrow(/64 hex digits or base64/);
  });

  it('creates a 0600 key file once and reuses it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tandem-key-'));
    const first = loadSecretKey(undefined, dir);
    expect(statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(loadSecretKey(undefined, dir)).toEqual(first);
    expect(readFileSync(path.join(dir, 'secret.key'), 'utf8').trim()).toBe(first.toString('hex'));
  });

  it('refuses a key file others can read', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tandem-key-'));
    loadSecretKey(undefined, dir);
    chmodSync(path.join(dir, 'secret.key'), 0o644);
    expect(() => loadSecretKey(undefined, dir)).toThrow(/chmod 600/);
  });
});
