import 'server-only';
import { createAuthority, type AuthorityMaterial, type CertificateFacts } from '@/lib/tls/x509';
import { db } from './client';
import { isUniqueViolation } from './errors';
import { seal, unseal } from './secrets';

const AUTHORITY_ID = 1;
const AUTHORITY_NAME = 'Tandem replication CA';

/**
 * Tandem's certificate authority, made on first use: the key is generated here, sealed at
 * rest, and opened only to sign. Two instances creating it at once keep the first one.
 */
export async function loadAuthority(now: Date = new Date()): Promise<AuthorityMaterial> {
  const prisma = await db();
  const stored = await prisma.certificateAuthority.findUnique({ where: { id: AUTHORITY_ID } });
  if (stored) return { certPem: stored.certPem, keyPem: await unseal('authority.key', stored.keySecret, String(AUTHORITY_ID)), notAfter: stored.notAfter };
  const made = await createAuthority(AUTHORITY_NAME, now);
  try {
    await prisma.certificateAuthority.create({ data: { id: AUTHORITY_ID, certPem: made.certPem, keySecret: await seal('authority.key', made.keyPem, String(AUTHORITY_ID)), notAfter: made.notAfter } });
    return made;
  } catch (error: unknown) {
    if (isUniqueViolation(error)) return loadAuthority(now);
    throw error;
  }
}

/** The authority's certificate (public), or null before any TLS cluster was set up. */
export async function authorityCertificate(): Promise<string | null> {
  return (await (await db()).certificateAuthority.findUnique({ where: { id: AUTHORITY_ID }, select: { certPem: true } }))?.certPem ?? null;
}

/** Records the certificate just issued to `hostName` for the cluster (replacing the one before). */
export async function recordMemberCertificate(clusterId: number, hostName: string, facts: CertificateFacts): Promise<void> {
  const prisma = await db();
  const host = await prisma.host.findUnique({ where: { name: hostName }, select: { id: true } });
  if (!host) throw new Error(`Host ${hostName} is not in the inventory`);
  const data = { serial: facts.serial, fingerprint: facts.fingerprint, names: facts.names.join(', '), notBefore: facts.notBefore, notAfter: facts.notAfter, issuedAt: new Date() };
  await prisma.memberCertificate.upsert({ where: { clusterId_hostId: { clusterId, hostId: host.id } }, create: { clusterId, hostId: host.id, ...data }, update: data, select: { id: true } });
}

export interface MemberCertificateRow {
  readonly hostId: number;
  readonly hostName: string;
  readonly fingerprint: string;
  readonly names: string;
  readonly notAfter: Date;
  readonly issuedAt: Date;
}

/** The certificates of a cluster's members, soonest expiry first. */
export async function listMemberCertificates(clusterId: number): Promise<MemberCertificateRow[]> {
  const rows = await (await db()).memberCertificate.findMany({
    where: { clusterId },
    select: { hostId: true, fingerprint: true, names: true, notAfter: true, issuedAt: true, host: { select: { name: true } } },
    orderBy: { notAfter: 'asc' },
  });
  return rows.map(({ host, ...row }) => ({ ...row, hostName: host.name }));
}
