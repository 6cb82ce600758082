import { generateKeyPairSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { Server, type Algorithms } from 'ssh2';
import { testEd25519KeyPair } from './testing/host-key';
import { fetchHostKey } from './host-key';

const servers: Server[] = [];

/** A real SSH server on loopback that offers only `algorithms` (ssh2's defaults when empty). */
function serverOffering(algorithms: Algorithms, keyType: 'ed25519' | 'rsa' = 'ed25519'): Promise<number> {
  // RSA through node:crypto as PKCS#1 PEM: ssh2's own RSA generator now and then writes a key its parser refuses.
  const privateKey = keyType === 'rsa'
    ? generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey
    : testEd25519KeyPair().private;
  const server = new Server({ hostKeys: [privateKey], algorithms }, (client) => {
    client.on('authentication', (ctx) => ctx.reject());
    client.on('error', () => undefined);
  });
  servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

afterAll(() => servers.forEach((server) => server.close()));

describe('Tandem offers no SHA-1 SSH algorithms', () => {
  it('reads the host key of a server speaking modern algorithms, RSA keys signed with SHA-2', async () => {
    expect((await fetchHostKey('127.0.0.1', await serverOffering({}), { timeoutMs: 5_000 })).keyType).toBe('ssh-ed25519');
    expect((await fetchHostKey('127.0.0.1', await serverOffering({ serverHostKey: ['rsa-sha2-512', 'rsa-sha2-256'] }, 'rsa'), { timeoutMs: 5_000 })).keyType).toBe('ssh-rsa');
  });

  it('refuses a server that offers only hmac-sha1 (with a cipher that needs a MAC), only ssh-rsa (SHA-1) host-key signatures, or only SHA-1 key exchange', async () => {
    for (const legacy of [{ cipher: ['aes128-ctr'], hmac: ['hmac-sha1'] }, { serverHostKey: ['ssh-rsa'] }, { kex: ['diffie-hellman-group14-sha1'] }] satisfies Algorithms[]) {
      const port = await serverOffering(legacy, legacy.serverHostKey ? 'rsa' : 'ed25519');
      const outcome = await fetchHostKey('127.0.0.1', port, { timeoutMs: 5_000 }).then((key) => `read ${key.keyType}`, (error: Error) => error.message);
      expect(outcome, JSON.stringify(legacy)).not.toMatch(/^read/);
    }
  });
});
