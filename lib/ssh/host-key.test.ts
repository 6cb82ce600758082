import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectError, SshError } from './errors';
import { describeHostKey, hostKeyMismatchError, isFingerprint, sameFingerprint } from './host-key';
import { describeTarget, targetDigest, targetKey, type SshTarget } from './target';

const run = promisify(execFile);
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tandem-hostkey-'));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function keyAndFingerprint(type: string): Promise<{ blob: Buffer; fingerprint: string }> {
  const file = join(dir, type);
  await run('ssh-keygen', ['-q', '-t', type, '-N', '', '-f', file]);
  const blob = Buffer.from((await readFile(`${file}.pub`, 'utf8')).split(' ')[1] ?? '', 'base64');
  const { stdout } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${file}.pub`]);
  return { blob, fingerprint: stdout.split(' ')[1] ?? '' };
}

describe('describeHostKey', () => {
  for (const [type, name] of [['ed25519', 'ssh-ed25519'], ['rsa', 'ssh-rsa'], ['ecdsa', 'ecdsa-sha2-nistp256']] as const) {
    it(`prints the same SHA256 fingerprint as ssh-keygen -lf for ${type}`, async () => {
      const { blob, fingerprint } = await keyAndFingerprint(type);
      expect(describeHostKey(blob)).toEqual({ fingerprint, keyType: name });
      expect(isFingerprint(fingerprint)).toBe(true);
    });
  }

  it('copes with a malformed blob', () => {
    expect(describeHostKey(Buffer.from([0, 0, 0, 99, 1])).keyType).toBe('unknown');
  });
});

describe('fingerprints', () => {
  it('compare equal with or without base64 padding', () => {
    const fingerprint = `SHA256:${'A'.repeat(43)}`;
    expect(sameFingerprint(fingerprint, `${fingerprint}=`)).toBe(true);
    expect(sameFingerprint(fingerprint, `SHA256:${'B'.repeat(43)}`)).toBe(false);
    expect(isFingerprint('MD5:aa:bb')).toBe(false);
  });

  it('name expected and presented keys in a mismatch', () => {
    const error = hostKeyMismatchError('root@h:22', 'SHA256:old', { fingerprint: 'SHA256:new', keyType: 'ssh-ed25519' });
    expect(error.code).toBe('host-key-mismatch');
    expect(error.message).toContain('SHA256:old');
    expect(error.message).toContain('SHA256:new');
  });
});

describe('targets', () => {
  const base: SshTarget = { address: '10.0.0.5', port: 22, username: 'deploy', auth: { kind: 'password', password: 'p1' }, pinnedHostKey: 'SHA256:x' };

  it('describe themselves without secrets', () => {
    expect(describeTarget(base)).toBe('deploy@10.0.0.5:22');
    expect(describeTarget({ ...base, address: '::1' })).toBe('deploy@[::1]:22');
    expect(targetKey(base)).toBe('10.0.0.5:22:deploy');
    expect(targetDigest(base)).not.toContain('p1');
  });

  it('get a new digest when the credential or the pin changes', () => {
    expect(targetDigest(base)).toBe(targetDigest({ ...base }));
    expect(targetDigest({ ...base, auth: { kind: 'password', password: 'p2' } })).not.toBe(targetDigest(base));
    expect(targetDigest({ ...base, pinnedHostKey: 'SHA256:y' })).not.toBe(targetDigest(base));
  });
});

describe('connectError', () => {
  const cases: [Error & { level?: string; code?: string }, string][] = [
    [Object.assign(new Error('All configured authentication methods failed'), { level: 'client-authentication' }), 'auth-failed'],
    [Object.assign(new Error('Timed out while waiting for handshake'), { level: 'client-timeout' }), 'timeout'],
    [Object.assign(new Error('connect ECONNREFUSED'), { level: 'client-socket', code: 'ECONNREFUSED' }), 'unreachable'],
    [Object.assign(new Error('connect EHOSTUNREACH'), { level: 'client-socket', code: 'EHOSTUNREACH' }), 'unreachable'],
    [Object.assign(new Error('getaddrinfo ENOTFOUND'), { level: 'client-dns', code: 'ENOTFOUND' }), 'unreachable'],
    [new Error('Cannot parse privateKey: Unsupported key format'), 'key-invalid'],
  ];
  for (const [error, code] of cases) {
    it(`maps "${error.message}" to ${code}`, () => {
      const mapped = connectError(error, 'root@h:22', 5_000);
      expect(mapped).toBeInstanceOf(SshError);
      expect(mapped.code).toBe(code);
      expect(mapped.hint.length).toBeGreaterThan(10);
    });
  }
});
