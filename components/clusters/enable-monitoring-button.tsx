'use client';

import { StartOperationButton } from '@/components/operations/start-operation-button';
import { startEnableMonitoring } from '@/lib/actions/start-enable-monitoring';

/** Starts the enable-monitoring operation for a cluster without a monitoring role; links to the operation once started. */
export function EnableMonitoringButton({ clusterId }: { clusterId: number }) {
  return <StartOperationButton clusterId={clusterId} action={startEnableMonitoring} label="Enable monitoring" testId="enable-monitoring" />;
}
