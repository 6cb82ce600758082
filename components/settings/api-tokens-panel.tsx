import { Badge } from '@/components/ui/badge';
import { Panel } from '@/components/ui/panel';
import type { CurrentUser } from '@/lib/auth/current-user';
import { can } from '@/lib/auth/roles';
import { env } from '@/lib/config/env';
import { listApiTokens, type ApiTokenView } from '@/lib/db/api-tokens';
import { ApiTokenForm } from './api-token-form';
import { ApiTokenRevoke } from './api-token-revoke';

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 16).replace('T', ' ') : '—');

function state(token: ApiTokenView, now: Date) {
  if (token.revokedAt) return <Badge tone="bad">revoked {day(token.revokedAt)}</Badge>;
  if (token.expiresAt <= now) return <Badge tone="warn">expired</Badge>;
  return <Badge tone="good">live</Badge>;
}

/**
 * Server component for Settings: the signed-in user's API tokens for /api/v1 (an admin sees
 * everyone's and may revoke any), and the form that creates one. Never a token or its hash.
 */
export async function ApiTokensPanel({ user }: { user: CurrentUser }) {
  const admin = can(user.role, 'users.manage');
  const tokens = await listApiTokens(admin ? {} : { userId: user.id });
  const apiUrl = new URL('/api/v1', env().TANDEM_URL).toString();
  const now = new Date();
  return (
    <Panel title="API tokens">
      <div className="space-y-4" data-testid="api-tokens">
        <p className="text-sm text-muted">
          Scripts call <span className="font-mono text-ink">{apiUrl}</span> with <span className="font-mono">Authorization: Bearer &lt;token&gt;</span>; the API is described at{' '}
          <span className="font-mono">{apiUrl}/openapi.json</span>. A token acts with the lesser of its role and yours, and stops when it expires, is revoked, or your account is disabled.
        </p>
        {tokens.length ? (
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-muted">
              <tr>
                <th className="py-2 font-medium">Name</th>
                {admin ? <th className="py-2 font-medium">User</th> : null}
                <th className="py-2 font-medium">Role</th><th className="py-2 font-medium">Token</th><th className="py-2 font-medium">Expires (UTC)</th>
                <th className="py-2 font-medium">Last used</th><th className="py-2 font-medium">State</th><th className="py-2" />
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {tokens.map((token) => (
                <tr key={token.id} data-testid="api-token-row">
                  <td className="py-2">{token.name}</td>
                  {admin ? <td className="py-2">{token.user.email}</td> : null}
                  <td className="py-2">{token.role}</td>
                  <td className="py-2 font-mono text-xs">tdm_{token.lookupId}_…</td>
                  <td className="py-2 font-mono text-xs">{day(token.expiresAt)}</td>
                  <td className="py-2 font-mono text-xs">{day(token.lastUsedAt)}</td>
                  <td className="py-2">{state(token, now)}</td>
                  <td className="py-2">{token.revokedAt ? null : <ApiTokenRevoke tokenId={token.id} name={token.name} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <ApiTokenForm role={user.role} apiUrl={apiUrl} />
      </div>
    </Panel>
  );
}
