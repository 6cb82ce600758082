import 'server-only';
import { db } from '@/lib/db/client';
import { loadMonitoredMembers } from '@/lib/db/monitor-clusters';
import { monitoringSteps } from '@/lib/replication/plan-monitoring';
import { toEngineStep } from '@/lib/replication/plan-step';
import { registerOperationKind } from '@/lib/server/runner';
import { monitoringLoginStep, monitorVerifier } from './monitoring-steps';

/**
 * `enable-monitoring`: for clusters set up before monitoring existed, or imported. Creates
 * the monitoring role and heartbeat table on the recorded primary and admits Tandem in
 * pg_hba on every member whose pg_hba file discovery found, then logs in as the role
 * from Tandem and records it so polling starts. Every step can be re-run.
 */
registerOperationKind('enable-monitoring', async (operation) => {
  if (operation.clusterId === null) throw new Error('Enabling monitoring needs a cluster.');
  const cluster = await (await db()).cluster.findUnique({ where: { id: operation.clusterId }, select: { name: true } });
  if (!cluster) throw new Error('This cluster no longer exists.');
  const { password, verifier } = await monitorVerifier(operation.clusterId);
  const members = await loadMonitoredMembers(operation.clusterId, password);
  const primary = members.find((member) => member.role === 'primary');
  if (!primary) throw new Error(`Cluster ${cluster.name} has no recorded primary.`);
  const missing = members.filter((member) => !member.hbaFile);
  if (missing.length > 0) throw new Error(`Tandem does not know where pg_hba.conf is on ${missing.map((member) => member.name).join(', ')}: run Test connection on those hosts first.`);
  const planned = monitoringSteps({
    clusterName: cluster.name,
    primary: primary.name,
    members: members.map((member) => ({ name: member.name, hbaFile: member.hbaFile, phase: member.role, viaTunnel: member.pgVia === 'ssh-tunnel' })),
  });
  const secrets = { replicationPassword: '', replicationPasswordVerifier: '', monitorPasswordVerifier: verifier };
  return { steps: [...planned.map((step) => toEngineStep(step, secrets)), monitoringLoginStep(operation.clusterId)], secrets: [password, verifier] };
});
