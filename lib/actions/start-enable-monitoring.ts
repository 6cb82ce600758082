'use server';

import { z } from 'zod';
import { clusterIdField } from './operation-form-fields';
import { enableMonitoringKind } from '@/lib/operations/enable-monitoring/kind';
import { defineAction } from './define-action';
import { startClusterOperation } from './start-cluster-operation';

const schema = z.object({ clusterId: clusterIdField });

/**
 * "Enable monitoring" for a cluster set up before monitoring existed, or imported: starts
 * the enable-monitoring operation (role, heartbeat table, pg_hba lines, a login from
 * Tandem). Audited whether it starts or is refused.
 */
export const startEnableMonitoring = defineAction({ permission: 'operations.run', audit: 'cluster.enable-monitoring', schema }, ({ clusterId }, actor) =>
  startClusterOperation(enableMonitoringKind, { clusterId, params: {}, reason: 'Enable monitoring', audit: 'cluster.enable-monitoring', what: 'enabling monitoring' }, actor));
