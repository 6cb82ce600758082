import { Suspense, type ReactNode } from 'react';
import { Panel } from '@/components/ui/panel';
import { readLagHosts, readLagSeries } from '@/lib/db/lag-read';
import { readLagThresholds, readSlotsPanel } from '@/lib/db/lag-status-read';
import { readReplicaStatuses } from '@/lib/db/replica-status-read';
import { LagChart } from './lag-chart';
import { ReplicaStatusList } from './replica-status-list';
import { SlotsPanel } from './slots-panel';

function Skeleton({ height = 'h-24', label }: { height?: string; label: string }) {
  return <div className={`${height} animate-pulse rounded-md bg-raised`} aria-busy aria-label={label} />;
}

async function ReplicaStatuses({ clusterId }: { clusterId: number }) {
  const cluster = await readLagHosts(clusterId);
  if (!cluster) return null;
  const replicas = await readReplicaStatuses({ id: clusterId, monitored: cluster.monitored, pollIntervalMs: cluster.pollIntervalMs, replicas: cluster.hosts });
  return <ReplicaStatusList clusterId={clusterId} replicas={replicas} monitored={cluster.monitored} pollIntervalMs={cluster.pollIntervalMs} />;
}

async function Chart({ clusterId }: { clusterId: number }) {
  const [series, thresholds] = await Promise.all([readLagSeries(clusterId, '1h'), readLagThresholds(clusterId)]);
  if (!series) return null;
  return <LagChart clusterId={clusterId} initial={series} thresholds={thresholds} />;
}

async function Slots({ clusterId }: { clusterId: number }) {
  return <SlotsPanel data={await readSlotsPanel(clusterId)} />;
}

/**
 * The cluster page's monitoring panels: replica status words, the live lag chart, and slots
 * with the disk forecast; each streams in on its own behind a skeleton. `monitoringAction`
 * (e.g. an enable-monitoring button) shows beside the notice when the cluster is not monitored.
 */
export function LagPanels({ clusterId, monitored, monitoringAction }: { clusterId: number; monitored: boolean; monitoringAction?: ReactNode }) {
  return (
    <>
      <Panel title="Replication status">
        {monitored ? null : (
          <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm text-muted" data-testid="monitoring-not-enabled">Monitoring is not enabled for this cluster: no samples are taken.</p>
            {monitoringAction}
          </div>
        )}
        <Suspense fallback={<Skeleton height="h-16" label="Loading replica status" />}>
          <ReplicaStatuses clusterId={clusterId} />
        </Suspense>
      </Panel>
      <Panel title="WAL lag">
        <Suspense fallback={<Skeleton height="h-80" label="Loading the lag chart" />}>
          <Chart clusterId={clusterId} />
        </Suspense>
      </Panel>
      <Panel title="Replication slots and disk">
        <Suspense fallback={<Skeleton label="Loading slots" />}>
          <Slots clusterId={clusterId} />
        </Suspense>
      </Panel>
    </>
  );
}
