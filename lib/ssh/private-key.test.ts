import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPrivateKey } from './private-key';

const run = promisify(execFile);
const PASSPHRASE = 'correct horse battery staple';

let dir = '';
const keys: Record<string, { privateKey: string; publicKey: string }> = {};

async function generate(name: string, type: string, passphrase: string, extra: string[] = []): Promise<void> {
  const file = join(dir, name);
  await run('ssh-keygen', ['-q', '-t', type, '-N', passphrase, '-C', 'tandem-test', '-f', file, ...extra]);
  keys[name] = { privateKey: await readFile(file, 'utf8'), publicKey: await readFile(`${file}.pub`, 'utf8') };
}

function key(name: string): { privateKey: string; publicKey: string } {
  const found = keys[name];
  if (!found) throw new Error(`test key ${name} was not generated`);
  return found;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tandem-keys-'));
  await generate('ed25519', 'ed25519', '');
  await generate('rsa', 'rsa', '', ['-b', '2048']);
  await generate('ecdsa', 'ecdsa', '');
  await generate('encrypted', 'ed25519', PASSPHRASE);
  await generate('encrypted-pem', 'rsa', PASSPHRASE, ['-b', '2048', '-m', 'PEM']);
}, 60_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function expectFailure(result: ReturnType<typeof checkPrivateKey>, pattern: RegExp): void {
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.message).toMatch(pattern);
}

describe('checkPrivateKey', () => {
  it('accepts unencrypted ed25519, rsa and ecdsa keys and names their type', () => {
    expect(checkPrivateKey(key('ed25519').privateKey)).toEqual({ ok: true, type: 'ssh-ed25519' });
    expect(checkPrivateKey(key('rsa').privateKey)).toEqual({ ok: true, type: 'ssh-rsa' });
    expect(checkPrivateKey(key('ecdsa').privateKey)).toEqual({ ok: true, type: 'ecdsa-sha2-nistp256' });
  });

  it('tolerates surrounding whitespace and Windows line endings', () => {
    const text = key('ed25519').privateKey;
    expect(checkPrivateKey(`\n  ${text}\n\n`).ok).toBe(true);
    expect(checkPrivateKey(text.replaceAll('\n', '\r\n')).ok).toBe(true);
  });

  it('asks for the passphrase of an encrypted key', () => {
    expectFailure(checkPrivateKey(key('encrypted').privateKey), /encrypted.*passphrase/i);
    expectFailure(checkPrivateKey(key('encrypted').privateKey, ''), /encrypted.*passphrase/i);
    expectFailure(checkPrivateKey(key('encrypted-pem').privateKey), /encrypted.*passphrase/i);
  });

  it('unlocks an encrypted key with the right passphrase', () => {
    expect(checkPrivateKey(key('encrypted').privateKey, PASSPHRASE)).toEqual({ ok: true, type: 'ssh-ed25519' });
    expect(checkPrivateKey(key('encrypted-pem').privateKey, PASSPHRASE)).toEqual({ ok: true, type: 'ssh-rsa' });
  });

  it('says when the passphrase is wrong, without repeating it', () => {
    for (const name of ['encrypted', 'encrypted-pem']) {
      const result = checkPrivateKey(key(name).privateKey, 'not-the-passphrase');
      expectFailure(result, /passphrase does not unlock/i);
      if (!result.ok) expect(result.message).not.toContain('not-the-passphrase');
    }
  });

  it('recognises a public key pasted instead of the private one', () => {
    expectFailure(checkPrivateKey(key('ed25519').publicKey), /public key.*private key/i);
    expectFailure(checkPrivateKey(key('rsa').publicKey), /public key/i);
    expectFailure(checkPrivateKey('-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n'), /public key/i);
  });

  it('rejects garbage, empty input and a truncated key with a message on what to paste', () => {
    expectFailure(checkPrivateKey(''), /paste the ssh private key/i);
    expectFailure(checkPrivateKey('   \n'), /paste the ssh private key/i);
    expectFailure(checkPrivateKey('hunter2'), /not an SSH private key/);
    expectFailure(checkPrivateKey('-----BEGIN CERTIFICATE-----\nabc\n-----END CERTIFICATE-----'), /not an SSH private key/);
    expectFailure(checkPrivateKey(key('ed25519').privateKey.slice(0, 200)), /could not be read|not an SSH private key/);
  });

  it('notices when line breaks were lost in pasting', () => {
    expectFailure(checkPrivateKey(key('ed25519').privateKey.replaceAll('\n', ' ')), /line breaks/);
  });

  it('never echoes the key material in its message', () => {
    const text = key('encrypted').privateKey;
    const body = text.split('\n')[1] ?? 'unreachable';
    const result = checkPrivateKey(text);
    if (!result.ok) expect(result.message).not.toContain(body);
  });
});
