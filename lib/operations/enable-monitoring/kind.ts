import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { loadMonitoredMembers } from '@/lib/db/monitor-clusters';
import { monitoringSteps } from '@/lib/replication/plan-monitoring';
import { toEngineStep } from '@/lib/replication/plan-step';
import { monitoringLoginStep, monitorVerifier } from '@/lib/setup/monitoring-steps';
import { defineOperationKind } from '../define-kind';

/**
 * `enable-monitoring`: for clusters set up before monitoring existed, or imported. Creates
 * the monitoring role and heartbeat table on the recorded primary and admits Tandem in
 * pg_hba on every member whose pg_hba file discovery found, then logs in as the role
 * from Tandem and records it so polling starts. Every step can be re-run.
 */
export const enableMonitoringKind = defineOperationKind({
  kind: 'enable-monitoring',
  params: z.object({}),
  async plan({ clusterId }) {
    const cluster = await (await db()).cluster.findUnique({ where: { id: clusterId }, select: { name: true } });
    if (!cluster) throw new Error('This cluster no longer exists.');
    const { password, verifier } = await monitorVerifier(clusterId);
    const members = await loadMonitoredMembers(clusterId, password);
    const primary = members.find((member) => member.role === 'primary');
    if (!primary) throw new Error(`Cluster ${cluster.name} has no recorded primary.`);
    const missing = members.filter((member) => !member.hbaFile);
    if (missing.length > 0) throw new Error(`Tandem does not know where pg_hba.conf is on ${missing.map((member) => member.name).join(', ')}: run Test connection on those hosts first.`);
    const planned = monitoringSteps({
      clusterName: cluster.name,
      tls: members.every((member) => member.target.tls !== undefined),
      primary: primary.name,
      members: members.map((member) => ({ name: member.name, hbaFile: member.hbaFile, phase: member.role, viaTunnel: member.pgVia === 'ssh-tunnel' })),
    });
    const secrets = { replicationPassword: '', replicationPasswordVerifier: '', monitorPasswordVerifier: verifier };
    return { steps: [...planned.map((step) => toEngineStep(step, secrets)), monitoringLoginStep(clusterId)], secrets: [password, verifier] };
  },
});
