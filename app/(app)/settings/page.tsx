import { ApiTokensPanel } from '@/components/settings/api-tokens-panel';
import { MetricsPanel } from '@/components/settings/metrics-panel';
import { NewUserForm } from '@/components/settings/new-user-form';
import { OwnPasswordForm } from '@/components/settings/own-password-form';
import { RoleForm } from '@/components/settings/role-form';
import { UserAccess } from '@/components/settings/user-access';
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
        <div className="space-y-6">
          <ComingLater>You are signed in as {user.email} with the {user.role} role. Only admins manage users and settings.</ComingLater>
          <Panel title="Your password"><OwnPasswordForm /></Panel>
          <ApiTokensPanel user={user} />
        </div>
      </>
    );
  }
  const users = await (await db()).user.findMany({ select: { id: true, name: true, email: true, role: true, disabledAt: true, createdAt: true }, orderBy: { createdAt: 'asc' } });
  return (
    <>
      <PageHeader title="Settings" description="Users, their roles and access, your password, API tokens, webhooks for alert notifications, and the Prometheus scrape token. Alert rules are set per cluster on its page." />
      <div className="space-y-6">
        <Panel title="Users">
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-muted">
              <tr><th className="py-2 font-medium">Name</th><th className="py-2 font-medium">E-mail</th><th className="py-2 font-medium">Role</th><th className="py-2 font-medium">Access</th></tr>
            </thead>
            <tbody className="divide-y divide-line">
              {users.map((row) => (
                <tr key={row.id} data-testid="user-row">
                  <td className="py-2">{row.name}</td>
                  <td className="py-2">{row.email}</td>
                  <td className="py-2"><RoleForm userId={row.id} role={row.role} email={row.email} /></td>
                  <td className="py-2"><UserAccess userId={row.id} email={row.email} disabled={row.disabledAt !== null} isYou={row.id === user.id} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>
        <Panel title="Add a user"><NewUserForm /></Panel>
        <Panel title="Your password"><OwnPasswordForm /></Panel>
        <ApiTokensPanel user={user} />
        <WebhooksPanel />
        <MetricsPanel />
      </div>
    </>
  );
}
