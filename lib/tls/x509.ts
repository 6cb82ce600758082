import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { createHash, randomBytes, X509Certificate } from 'node:crypto';

/** Node's global Web Crypto (the same implementation as node:crypto's `webcrypto`, typed as the DOM's `Crypto`). */
const subtle = globalThis.crypto.subtle;
x509.cryptoProvider.set(globalThis.crypto);

/** ECDSA P-256 with SHA-256 for the authority and every member: small keys every supported PostgreSQL accepts. */
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 86_400_000;
/** The authority outlives many member certificates; renewing it means re-issuing every member. */
export const AUTHORITY_DAYS = 3650;
/** One year, renewed by an operation; expiry is alerted 30 days ahead. */
export const MEMBER_CERTIFICATE_DAYS = 365;
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';

export interface AuthorityMaterial {
  readonly certPem: string;
  /** PKCS#8 PEM: sealed at rest by the caller, never logged. */
  readonly keyPem: string;
  readonly notAfter: Date;
}

export interface CertificateFacts {
  readonly serial: string;
  /** SHA-256 of the DER, colon-separated hex as `openssl x509 -fingerprint -sha256` prints it. */
  readonly fingerprint: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Subject alternative names as `IP Address:…` / `DNS:…`. */
  readonly names: readonly string[];
}

function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}

function pemBody(pem: string, label: string): ArrayBuffer {
  const match = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----`).exec(pem);
  if (!match?.[1]) throw new Error(`Not a PEM ${label.toLowerCase()}`);
  const der = Buffer.from(match[1].replace(/\s+/g, ''), 'base64');
  return der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength) as ArrayBuffer;
}

async function importSigningKey(keyPem: string): Promise<CryptoKey> {
  return subtle.importKey('pkcs8', pemBody(keyPem, 'PRIVATE KEY'), ALGORITHM, false, ['sign']);
}

/** A new self-signed authority (CA:TRUE, path length 0: it signs only server certificates). */
export async function createAuthority(name: string, now: Date): Promise<AuthorityMaterial> {
  const keys = await subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const notAfter = new Date(now.getTime() + AUTHORITY_DAYS * DAY_MS);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: new x509.Name([{ CN: [name] }, { O: ['Tandem'] }]),
    notBefore: new Date(now.getTime() - 60_000),
    notAfter,
    keys,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const pkcs8 = Buffer.from(await subtle.exportKey('pkcs8', keys.privateKey));
  const keyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8.toString('base64').replace(/(.{64})/g, '$1\n').trimEnd()}\n-----END PRIVATE KEY-----\n`;
  return { certPem: cert.toString('pem') + '\n', keyPem, notAfter };
}

export interface MemberCertificateRequest {
  /** The CSR the member made with its own key (the key never leaves the host). */
  readonly csrPem: string;
  /** IP addresses and DNS names the member is reached by; the first is also the subject's CN. */
  readonly addresses: readonly string[];
  readonly dnsNames: readonly string[];
  readonly now: Date;
  readonly days?: number;
}

/**
 * Signs a member's server certificate. Only the CSR's public key is used: its subject and
 * requested extensions are ignored, and the names come from Tandem's inventory. Throws when
 * the CSR's own signature does not verify (it was not made with the key it carries).
 */
export async function signMemberCertificate(authority: Omit<AuthorityMaterial, 'notAfter'>, request: MemberCertificateRequest): Promise<{ certPem: string; facts: CertificateFacts }> {
  const csr = new x509.Pkcs10CertificateRequest(request.csrPem.trim());
  if (!(await csr.verify())) throw new Error('The certificate request is not signed by the key it carries');
  const ca = new x509.X509Certificate(authority.certPem.trim());
  const first = request.addresses[0] ?? request.dnsNames[0];
  if (!first) throw new Error('A member certificate needs at least one address or name');
  const notAfter = new Date(Math.min(request.now.getTime() + (request.days ?? MEMBER_CERTIFICATE_DAYS) * DAY_MS, ca.notAfter.getTime()));
  const names = [
    ...request.addresses.map((value) => ({ type: 'ip' as const, value })),
    ...request.dnsNames.map((value) => ({ type: 'dns' as const, value })),
  ];
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: new x509.Name([{ CN: [first] }, { O: ['Tandem'] }]),
    issuer: ca.subjectName,
    notBefore: new Date(request.now.getTime() - 60_000),
    notAfter,
    signingKey: await importSigningKey(authority.keyPem),
    publicKey: csr.publicKey,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyAgreement, true),
      new x509.ExtendedKeyUsageExtension([SERVER_AUTH], false),
      new x509.SubjectAlternativeNameExtension(names, false),
      await x509.AuthorityKeyIdentifierExtension.create(ca, false),
    ],
  });
  const certPem = cert.toString('pem') + '\n';
  return { certPem, facts: certificateFacts(certPem) };
}

/** What a PEM certificate says about itself, read with Node's own X.509 parser. */
export function certificateFacts(pem: string): CertificateFacts {
  const cert = new X509Certificate(pem);
  const hex = createHash('sha256').update(cert.raw).digest('hex').toUpperCase();
  return {
    serial: cert.serialNumber.toLowerCase(),
    fingerprint: hex.match(/../g)!.join(':'),
    notBefore: new Date(cert.validFrom),
    notAfter: new Date(cert.validTo),
    names: (cert.subjectAltName ?? '').split(', ').filter(Boolean),
  };
}
