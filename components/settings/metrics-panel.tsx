import { Panel } from '@/components/ui/panel';
import { env } from '@/lib/config/env';
import { metricsTokenCreatedAt } from '@/lib/metrics/token-store';
import { MetricsTokenForm } from './metrics-token-form';

/** Server component for Settings (admins): the Prometheus endpoint and its scrape token. */
export async function MetricsPanel() {
  const createdAt = await metricsTokenCreatedAt();
  return (
    <Panel title="Prometheus metrics">
      <MetricsTokenForm createdAt={createdAt?.toISOString() ?? null} endpoint={new URL('/api/metrics', env().TANDEM_URL).toString()} />
    </Panel>
  );
}
