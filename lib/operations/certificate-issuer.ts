import 'server-only';
import { loadAuthority, recordMemberCertificate } from '@/lib/db/certificates';
import type { CertificateIssuer } from '@/lib/replication/plan-types';
import { signMemberCertificate, type AuthorityMaterial } from '@/lib/tls/x509';

/**
 * Tandem's CA for the plans of one cluster: the authority is opened once per operation
 * (made on first use), and each certificate it signs is recorded for the cluster's member,
 * whose expiry the cluster page shows and the alerts watch.
 */
export function certificateIssuer(clusterId: number): CertificateIssuer {
  let authority: Promise<AuthorityMaterial> | null = null;
  const open = () => (authority ??= loadAuthority());
  return {
    authorityPem: async () => (await open()).certPem,
    async issue(request) {
      const signed = await signMemberCertificate(await open(), { csrPem: request.csrPem, addresses: request.addresses, dnsNames: request.dnsNames, now: new Date() });
      await recordMemberCertificate(clusterId, request.host, signed.facts);
      return { certPem: signed.certPem };
    },
  };
}
