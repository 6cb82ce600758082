import { utils } from 'ssh2';

/**
 * An ed25519 key pair in OpenSSH format for a test SSH server. ssh2's generator now and then
 * writes a key its own parser refuses ("Malformed OpenSSH private key"), so a pair is made
 * again until ssh2 reads it back.
 */
export function testEd25519KeyPair(): { readonly private: string; readonly public: string } {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const pair = utils.generateKeyPairSync('ed25519');
    if (!(utils.parseKey(pair.private) instanceof Error)) return pair;
  }
  throw new Error('ssh2 refused 20 ed25519 keys of its own making');
}
