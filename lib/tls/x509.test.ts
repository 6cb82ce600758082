import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { certificateFacts, createAuthority, MEMBER_CERTIFICATE_DAYS, signMemberCertificate } from './x509';

const dir = mkdtempSync(path.join(tmpdir(), 'tandem-x509-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const now = new Date('2026-12-03T10:00:00Z');

/** A key and request made as a member makes them (OpenSSL, P-256), so the test signs what real hosts send. */
function memberRequest(name: string): { csrPem: string; keyFile: string } {
  const keyFile = path.join(dir, `${name}.key`);
  const csrPem = execFileSync('openssl', ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', '/CN=tandem-member', '-keyout', keyFile], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return { csrPem, keyFile };
}

function openssl(args: string[]): { code: number; out: string } {
  try {
    return { code: 0, out: execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (error: unknown) {
    const failed = error as { status: number; stdout: string; stderr: string };
    return { code: failed.status, out: `${failed.stdout}${failed.stderr}` };
  }
}

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('Tandem certificate authority', () => {
  it('makes a CA that signs a member request for its address and name, which OpenSSL verifies', async () => {
    const authority = await createAuthority('Test CA', now);
    const ca = new X509Certificate(authority.certPem);
    expect(ca.ca).toBe(true);
    expect(authority.keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);

    const request = memberRequest('pg1');
    const { certPem, facts } = await signMemberCertificate(authority, { csrPem: request.csrPem, addresses: ['10.0.0.11'], dnsNames: ['pg1'], now });
    const caFile = write('ca.crt', authority.certPem);
    const certFile = write('pg1.crt', certPem);
    expect(openssl(['verify', '-CAfile', caFile, certFile]).code).toBe(0);
    expect(openssl(['x509', '-noout', '-checkip', '10.0.0.11', '-in', certFile]).out).toContain('does match');
    expect(openssl(['x509', '-noout', '-checkip', '10.0.0.12', '-in', certFile]).out).toContain('does NOT match');
    // The certificate carries the member's own public key: the key it made and kept.
    expect(openssl(['x509', '-noout', '-pubkey', '-in', certFile]).out).toBe(openssl(['pkey', '-pubout', '-in', request.keyFile]).out);
    expect(facts.names).toEqual(['IP Address:10.0.0.11', 'DNS:pg1']);
    expect(facts.notAfter.getTime() - now.getTime()).toBe(MEMBER_CERTIFICATE_DAYS * 86_400_000);
    expect(certificateFacts(certPem).fingerprint).toBe(openssl(['x509', '-noout', '-fingerprint', '-sha256', '-in', certFile]).out.trim().split('=')[1]);
    expect(new X509Certificate(certPem).checkIssued(ca)).toBe(true);
  });

  it('ignores what the request asks for itself: names come from the inventory, never from the CSR', async () => {
    const authority = await createAuthority('Test CA', now);
    const keyFile = path.join(dir, 'greedy.key');
    const csrPem = execFileSync('openssl', ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', '/CN=bank.example', '-addext', 'subjectAltName=DNS:bank.example,IP:10.9.9.9', '-addext', 'basicConstraints=critical,CA:TRUE', '-keyout', keyFile], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const { certPem } = await signMemberCertificate(authority, { csrPem, addresses: ['10.0.0.13'], dnsNames: [], now });
    const cert = new X509Certificate(certPem);
    expect(cert.subjectAltName).toBe('IP Address:10.0.0.13');
    expect(cert.subject).toContain('CN=10.0.0.13');
    expect(cert.ca).toBe(false);
  });

  it('refuses a request whose signature is not made by the key it carries', async () => {
    const authority = await createAuthority('Test CA', now);
    const { csrPem } = memberRequest('tampered');
    const der = Buffer.from(csrPem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    der[der.length - 5] = (der[der.length - 5] ?? 0) ^ 0xff;
    const tampered = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`;
    await expect(signMemberCertificate(authority, { csrPem: tampered, addresses: ['10.0.0.14'], dnsNames: [], now })).rejects.toThrow('The certificate request is not signed by the key it carries');
  });

  it('a certificate from another CA does not verify against Tandem\'s (a forged server certificate is refused)', async () => {
    const tandem = await createAuthority('Tandem', now);
    const other = await createAuthority('Someone else', now);
    const { certPem } = await signMemberCertificate(other, { csrPem: memberRequest('forged').csrPem, addresses: ['10.0.0.11'], dnsNames: ['pg1'], now });
    const result = openssl(['verify', '-CAfile', write('tandem.crt', tandem.certPem), write('forged.crt', certPem)]);
    expect(result.code).not.toBe(0);
    expect(result.out).toMatch(/unable to get local issuer certificate|certificate signature failure/);
  });

  it('never issues past the authority\'s own expiry', async () => {
    const authority = await createAuthority('Test CA', now);
    const late = new Date(authority.notAfter.getTime() - 10 * 86_400_000);
    const { facts } = await signMemberCertificate(authority, { csrPem: memberRequest('late').csrPem, addresses: ['10.0.0.15'], dnsNames: [], now: late });
    expect(facts.notAfter.getTime()).toBeLessThanOrEqual(authority.notAfter.getTime());
  });
});
