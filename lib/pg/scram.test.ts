import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { scramSha256Verifier } from './scram';

function parse(verifier: string): { iterations: number; salt: string; storedKey: Buffer; serverKey: Buffer } {
  const match = /^SCRAM-SHA-256\$(\d+):([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)$/.exec(verifier);
  if (!match) throw new Error(`not a verifier: ${verifier}`);
  return {
    iterations: Number(match[1]), salt: match[2] ?? '',
    storedKey: Buffer.from(match[3] ?? '', 'base64'), serverKey: Buffer.from(match[4] ?? '', 'base64'),
  };
}

describe('scramSha256Verifier', () => {
  it('agrees with the RFC 7677 example exchange', () => {
    const salt = 'W22ZaJ0SNY7soEsUEjb6gQ==';
    const verifier = parse(scramSha256Verifier('pencil', { salt: Buffer.from(salt, 'base64') }));
    const nonce = 'rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0';
    const authMessage = `n=user,r=rOprNGfwEbeRWgbNEkqO,r=${nonce},s=${salt},i=4096,c=biws,r=${nonce}`;
    const serverSignature = createHmac('sha256', verifier.serverKey).update(authMessage).digest('base64');
    expect(serverSignature).toBe('6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=');
    const proof = Buffer.from('dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=', 'base64');
    const signature = createHmac('sha256', verifier.storedKey).update(authMessage).digest();
    const clientKey = Buffer.from(proof.map((byte, index) => byte ^ (signature[index] ?? 0)));
    expect(createHash('sha256').update(clientKey).digest().equals(verifier.storedKey)).toBe(true);
  });

  it('uses a fresh 16-byte salt and 4096 iterations by default', () => {
    const a = parse(scramSha256Verifier('secret'));
    const b = parse(scramSha256Verifier('secret'));
    expect(a.iterations).toBe(4096);
    expect(Buffer.from(a.salt, 'base64')).toHaveLength(16);
    expect(a.salt).not.toBe(b.salt);
  });

  it('refuses passwords SASLprep could change, and empty ones', () => {
    expect(() => scramSha256Verifier('')).toThrow(TypeError);
    expect(() => scramSha256Verifier('pässword')).toThrow(TypeError);
    expect(() => scramSha256Verifier('tab\there')).toThrow(TypeError);
  });
});
