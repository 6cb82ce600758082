import { MetricsPanel } from '@/components/settings/metrics-panel';
import { NewUserForm } from '@/components/settings/new-user-form';
import { RoleForm } from '@/components/settings/role-form';
import { WebhooksPanel } from '@/components/settings/webhooks-panel';
import { PageHeader } from '@/components/ui/page-header';
import { ComingLater, Panel } from '@/components/ui/panel';
import { requireUser } from '@/lib/auth/current-user';
import { can } from '@/lib/auth/roles';
import { db } from '@/lib/db/client';

export const metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const user = await requireUser();
  if (!can(user.role, 'users.manage')) {
    return (
      <>
        <PageHeader title="Settings" />
        <ComingLater>You are signed in as {user.email} with the {user.role} role. Only admins manage users and settings.</ComingLater>
      </>
    );
  }
  const users = await (await db()).user.findMany({ select: { id: true, name: true, email: true, role: true, createdAt: true }, orderBy: { createdAt: 'asc' } });
  return (
    <>
      <PageHeader title="Settings" description="Users and their roles, webhooks for alert notifications, and the Prometheus scrape token. Alert rules are set per cluster on its page." />
      <div className="space-y-6">
        <Panel title="Users">
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-muted">
              <tr><th className="py-2 font-medium">Name</th><th className="py-2 font-medium">E-mail</th><th className="py-2 font-medium">Role</th></tr>
            </thead>
            <tbody className="divide-y divide-line">
              {users.map((row) => (
                <tr key={row.id} data-testid="user-row">
                  <td className="py-2">{row.name}</td>
                  <td className="py-2">{row.email}</td>
                  <td className="py-2"><RoleForm userId={row.id} role={row.role} email={row.email} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>
        <Panel title="Add a user"><NewUserForm /></Panel>
        <WebhooksPanel />
        <MetricsPanel />
      </div>
    </>
  );
}
