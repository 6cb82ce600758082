import { Panel } from '@/components/ui/panel';
import { can, type Role } from '@/lib/auth/roles';
import { listAlertEvents, type AlertEventRow } from '@/lib/db/alerts-events';
import { AlertList, type AlertItem } from './alert-list';

const toItem = (row: AlertEventRow): AlertItem => ({ ...row, clusterName: row.cluster.name });

/**
 * Server component: the alert list of one cluster (or of the fleet without `clusterId`),
 * with acknowledge forms for roles that may run operations.
 */
export async function AlertsPanel({ clusterId, role, resolvedLimit = 10, title = 'Alerts' }: { clusterId?: number; role: Role; resolvedLimit?: number; title?: string }) {
  const { open, resolved } = await listAlertEvents({ clusterId, resolvedLimit });
  return (
    <Panel title={`${title}${open.length > 0 ? ` (${open.length} open)` : ''}`}>
      <AlertList open={open.map(toItem)} resolved={resolved.map(toItem)} canAcknowledge={can(role, 'operations.run')} showCluster={clusterId === undefined} now={new Date()} />
    </Panel>
  );
}
