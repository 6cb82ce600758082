import { describe, expect, it } from 'vitest';
import { authorizeKeyCommand, hostKeyFile, keyFingerprint, knownHostCommand, parsePublicKey, trustTag } from './trust';

// `ssh-keygen -lf` prints SHA256:5qD0QNpjMMa/77yqIh0YVJDOgYJ3Ix89VSXfduJLbdo for this key.
const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKeXvQpQ20Bw3NsyWtL5QBZQNNMp+5CffgQbOYqfJLw2 root@pg1';

describe('SSH trust for pgBackRest', () => {
  it('reads a public key line and fingerprints it as ssh-keygen does', () => {
    const key = parsePublicKey(KEY);
    expect(key?.type).toBe('ssh-ed25519');
    expect(keyFingerprint(key?.base64 ?? '')).toBe('SHA256:5qD0QNpjMMa/77yqIh0YVJDOgYJ3Ix89VSXfduJLbdo');
    expect(parsePublicKey('not a key')).toBeNull();
    expect(parsePublicKey(`${KEY}\nssh-rsa AAAA second`)).toBeNull();
  });

  it('picks the host key file of the pinned type', () => {
    expect(hostKeyFile('ssh-ed25519')).toBe('/etc/ssh/ssh_host_ed25519_key.pub');
    expect(hostKeyFile('ecdsa-sha2-nistp256')).toBe('/etc/ssh/ssh_host_ecdsa_key.pub');
    expect(hostKeyFile('rsa-sha2-512')).toBe('/etc/ssh/ssh_host_rsa_key.pub');
    expect(() => hostKeyFile('ssh-dss')).toThrow();
  });

  it('authorizes the peer from its address only, without a terminal, and tags its lines', () => {
    const key = { type: 'ssh-ed25519', base64: 'AAAAC3' };
    const tag = trustTag('orders', 'pg1');
    expect(authorizeKeyCommand('pgbackrest', key, '10.0.0.11', tag).text).toContain(`'restrict,from="10.0.0.11" ssh-ed25519 AAAAC3 tandem-pgbackrest:orders:pg1'`);
    expect(knownHostCommand('postgres', '10.0.0.14', key, tag).text).toContain(`'10.0.0.14 ssh-ed25519 AAAAC3 tandem-pgbackrest:orders:pg1'`);
  });
});
