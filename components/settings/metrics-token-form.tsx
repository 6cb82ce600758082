'use client';

import { useActionState } from 'react';
import { rotateMetricsToken } from '@/lib/actions/rotate-metrics-token';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';

/** Generates, replaces or revokes the scrape token; a new token is shown once, here, with a scrape config. */
export function MetricsTokenForm({ createdAt, endpoint }: { createdAt: string | null; endpoint: string }) {
  const [state, action, pending] = useActionState(rotateMetricsToken, null);
  const token = state?.ok ? state.data.token : null;
  const active = state?.ok ? token !== null : createdAt !== null;
  return (
    <div className="space-y-3 text-sm" data-testid="metrics-token">
      <p className="text-muted">
        Prometheus scrapes <span className="font-mono text-ink">{endpoint}</span> with <span className="font-mono">Authorization: Bearer &lt;token&gt;</span>.{' '}
        {active ? (createdAt && !token ? `The current token was generated ${createdAt.slice(0, 19).replace('T', ' ')} UTC.` : null) : 'No token is set: every scrape is refused.'}
      </p>
      {token ? (
        <div className="space-y-2 rounded-md border border-accent/40 bg-accent/5 p-3">
          <p className="font-medium">Copy this token now: Tandem stores only its hash and cannot show it again.</p>
          <pre className="overflow-x-auto font-mono text-xs" data-testid="metrics-token-value">{token}</pre>
          <pre className="overflow-x-auto font-mono text-xs text-muted">{`scrape_configs:\n  - job_name: tandem\n    metrics_path: /api/metrics\n    authorization:\n      credentials: ${token}\n    static_configs:\n      - targets: ['${endpoint.replace(/^https?:\/\//, '').replace(/\/api\/metrics$/, '')}']`}</pre>
        </div>
      ) : null}
      <form action={action} className="flex gap-2" onSubmit={(event) => {
        const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
        if (active && !window.confirm(submitter?.value === 'revoke' ? 'Revoke the token? Scrapes fail until a new one is set.' : 'Replace the token? The current one stops working at once.')) event.preventDefault();
      }}>
        <Button type="submit" name="change" value="rotate" variant={active ? 'secondary' : 'primary'} disabled={pending}>{active ? 'Replace token' : 'Generate token'}</Button>
        {active ? <Button type="submit" name="change" value="revoke" variant="danger" disabled={pending}>Revoke</Button> : null}
      </form>
      {state && !state.ok ? <FormMessage state={state} /> : null}
    </div>
  );
}
