import { Suspense } from 'react';
import { AlertRulesPanel } from '@/components/alerts/alert-rules-panel';
import { ClusterPageHeader } from '@/components/clusters/cluster-page-header';
import { CertificatesPanel } from '@/components/tls/certificates-panel';
import { Panel } from '@/components/ui/panel';
import { can } from '@/lib/auth/roles';
import { loadClusterPage } from '../load-cluster';

/** The cluster's settings: alert rules (admins edit them) and its members' TLS certificates (operators renew them). */
export default async function ClusterSettingsPage({ params }: { params: Promise<{ id: string }> }) {
  const { user, cluster } = await loadClusterPage(params);
  return (
    <>
      <ClusterPageHeader cluster={cluster} current="settings" />
      <div className="space-y-6">
        <Suspense fallback={<Panel title="Alert rules"><p className="text-sm text-muted">Loading rules…</p></Panel>}>
          <AlertRulesPanel clusterId={cluster.id} role={user.role} />
        </Suspense>
        <Suspense fallback={null}>
          <CertificatesPanel clusterId={cluster.id} canOperate={can(user.role, 'operations.run')} />
        </Suspense>
      </div>
    </>
  );
}
