import { describe, expect, it } from 'vitest';
import { assertLabAddress, isLabAddress, labStateSchema, type LabState } from './client';

const fingerprint = `SHA256:${'A'.repeat(43)}`;

function makeState(addresses: readonly string[]): LabState {
  return labStateSchema.parse({
    version: 1,
    subnet: '10.88.0.0/24',
    bridge: 'tdm-br0',
    gateway: '10.88.0.1',
    privateKeyPath: '/tmp/lab/id_ed25519',
    publicKeyPath: '/tmp/lab/id_ed25519.pub',
    knownHostsPath: '/tmp/lab/known_hosts',
    users: [{ name: 'tdmlab', password: 'x', sudo: 'nopasswd' }],
    hosts: addresses.map((address, i) => ({
      name: `pg${i + 1}`,
      address,
      sshPort: 22,
      pgPort: 5432,
      hostKeyType: 'ssh-ed25519',
      hostKeyFingerprint: fingerprint,
      currentHostKeyFingerprint: fingerprint,
      currentHostKey: 'ssh-ed25519 AAAA',
    })),
  });
}

const state = makeState(['10.88.0.11', '10.88.0.12', '10.88.0.13']);

describe('assertLabAddress', () => {
  it.each(['10.88.0.11', '10.88.0.12', '10.88.0.13'])('accepts the lab host %s', (address) => {
    expect(() => assertLabAddress(address, state)).not.toThrow();
    expect(isLabAddress(address, state)).toBe(true);
  });

  it.each([
    '127.0.0.1',
    '10.88.1.5',
    '192.168.0.1',
    '10.88.0.1',
    '10.88.0.14',
    '10.88.0.255',
    '10.88.0.011',
    ' 10.88.0.11',
    '10.88.0.11 ',
    '10.88.0.11:22',
    '10.88.0.11/24',
    '::ffff:10.88.0.11',
    'pg1',
    'localhost',
    'example.com',
    '',
    'garbage; rm -rf /',
  ])('refuses %j', (address) => {
    expect(() => assertLabAddress(address, state)).toThrow(/not a lab host address/);
    expect(isLabAddress(address, state)).toBe(false);
  });

  it('refuses an address outside 10.88.0.0/24 even when a state lists it', () => {
    expect(() => makeState(['192.168.0.1'])).toThrow();
  });
});
