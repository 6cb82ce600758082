import { Badge } from '@/components/ui/badge';
import { Panel } from '@/components/ui/panel';
import { listMemberCertificates } from '@/lib/db/certificates';
import { RENEW_BEFORE_DAYS } from '@/lib/tls/member-files';
import { RenewCertificatesButton } from './renew-certificates-button';

const DAY_MS = 86_400_000;

function expiryTone(daysLeft: number): 'good' | 'warn' | 'bad' {
  if (daysLeft < 0) return 'bad';
  return daysLeft < RENEW_BEFORE_DAYS ? 'warn' : 'good';
}

/**
 * The TLS certificates Tandem's CA issued to the cluster's members: names, fingerprint and
 * expiry (warned 30 days ahead, as the alert is). Absent for a cluster without TLS.
 */
export async function CertificatesPanel({ clusterId, canOperate }: { clusterId: number; canOperate: boolean }) {
  const certificates = await listMemberCertificates(clusterId);
  if (certificates.length === 0) return null;
  const now = new Date().getTime();
  return (
    <Panel title="TLS certificates">
      <table className="w-full text-left text-sm" data-testid="certificates">
        <thead className="text-xs text-muted">
          <tr><th className="py-1 pr-3 font-normal">Member</th><th className="py-1 pr-3 font-normal">Names</th><th className="py-1 pr-3 font-normal">Expires</th><th className="py-1 font-normal">SHA-256 fingerprint</th></tr>
        </thead>
        <tbody>
          {certificates.map((row) => {
            const daysLeft = Math.floor((row.notAfter.getTime() - now) / DAY_MS);
            return (
              <tr key={row.hostId} className="border-t border-line" data-testid={`certificate-${row.hostName}`}>
                <td className="py-1.5 pr-3 font-medium">{row.hostName}</td>
                <td className="py-1.5 pr-3">{row.names}</td>
                <td className="py-1.5 pr-3">
                  {row.notAfter.toISOString().slice(0, 10)}{' '}
                  <Badge tone={expiryTone(daysLeft)}>{daysLeft < 0 ? 'expired' : `${daysLeft} days left`}</Badge>
                </td>
                <td className="break-all py-1.5 font-mono text-xs text-muted">{row.fingerprint}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="mt-3 text-xs text-muted">Replication and monitoring verify each member by this certificate (verify-full with Tandem&apos;s CA). Keys stay on the members.</p>
      {canOperate ? <div className="mt-3"><RenewCertificatesButton clusterId={clusterId} /></div> : null}
    </Panel>
  );
}
