import { Badge } from '@/components/ui/badge';
import { Panel } from '@/components/ui/panel';
import { formatTime } from '@/components/operations/format';
import { listWebhookDeliveries, listWebhooks, readWebhookAllowEntries } from '@/lib/db/webhooks';
import { WebhookActions } from './webhook-actions';
import { WebhookAllowListForm } from './webhook-allow-list-form';
import { WebhookEditForm } from './webhook-edit-form';
import { WebhookForm } from './webhook-form';

/** Server component for Settings (admins): webhooks, a form to add one, the private networks they may reach, and the delivery log. */
export async function WebhooksPanel() {
  const [hooks, deliveries, allowed] = await Promise.all([listWebhooks(), listWebhookDeliveries({ take: 50 }), readWebhookAllowEntries()]);
  return (
    <>
      <Panel title="Webhooks">
        {hooks.length === 0 ? <p className="mb-4 text-sm text-muted">No webhooks yet: alerts show in Tandem only.</p> : (
          <table className="mb-6 w-full text-left text-sm" data-testid="webhook-table">
            <thead className="text-xs uppercase tracking-wide text-muted">
              <tr><th className="py-2 font-medium">Name</th><th className="py-2 font-medium">Host</th><th className="py-2 font-medium">Format</th><th className="py-2 font-medium">Alerts</th><th className="py-2 font-medium" /></tr>
            </thead>
            <tbody className="divide-y divide-line">
              {hooks.map((hook) => (
                <tr key={hook.id} data-testid="webhook-row">
                  <td className="py-2">{hook.name} {hook.enabled ? null : <Badge>paused</Badge>}</td>
                  <td className="py-2 font-mono text-xs">{hook.host}</td>
                  <td className="py-2">{hook.format === 'slack' ? 'Slack-compatible' : 'generic JSON'}</td>
                  <td className="py-2">{hook.minSeverity === 'critical' ? 'critical only' : 'warning and up'}</td>
                  <td className="py-2">
                    <WebhookActions id={hook.id} name={hook.name} enabled={hook.enabled} />
                    <details className="mt-1 text-xs">
                      <summary className="cursor-pointer text-muted hover:text-ink">Edit</summary>
                      <WebhookEditForm id={hook.id} name={hook.name} host={hook.host} format={hook.format} minSeverity={hook.minSeverity} />
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <WebhookForm />
      </Panel>
      <Panel title="Webhook allow-list">
        <WebhookAllowListForm entries={allowed} />
      </Panel>
      <Panel title="Webhook delivery log">
        {deliveries.length === 0 ? <p className="text-sm text-muted">Nothing sent yet.</p> : (
          <table className="w-full text-left text-sm" data-testid="delivery-log">
            <thead className="text-xs uppercase tracking-wide text-muted">
              <tr><th className="py-2 font-medium">Time</th><th className="py-2 font-medium">Webhook</th><th className="py-2 font-medium">Event</th><th className="py-2 font-medium">Attempt</th><th className="py-2 font-medium">Result</th><th className="py-2 font-medium">Took</th></tr>
            </thead>
            <tbody className="divide-y divide-line">
              {deliveries.map((row) => (
                <tr key={row.id} data-testid="delivery-row">
                  <td className="py-1.5 text-xs">{formatTime(row.at.toISOString())}</td>
                  <td className="py-1.5">{row.webhook.name}</td>
                  <td className="py-1.5 font-mono text-xs">{row.event}</td>
                  <td className="py-1.5">{row.attempt}</td>
                  <td className="py-1.5">{row.ok ? <Badge tone="good">HTTP {row.httpStatus}</Badge> : <Badge tone="bad">{row.error ?? 'failed'}</Badge>}</td>
                  <td className="py-1.5 text-xs">{row.durationMs} ms</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
    </>
  );
}
