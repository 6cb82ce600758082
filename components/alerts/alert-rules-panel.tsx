import { Panel } from '@/components/ui/panel';
import { can, type Role } from '@/lib/auth/roles';
import { loadAlertRules } from '@/lib/db/alerts';
import { RuleEditor } from './rule-editor';

/** Server component: a cluster's alert rules (defaults until edited); editable by admins. */
export async function AlertRulesPanel({ clusterId, role }: { clusterId: number; role: Role }) {
  const rules = await loadAlertRules(clusterId);
  return (
    <Panel title="Alert rules">
      <RuleEditor clusterId={clusterId} rules={rules} canEdit={can(role, 'settings.manage')} />
    </Panel>
  );
}
