import 'server-only';
import { db } from '@/lib/db/client';
import { unseal } from '@/lib/db/secrets';
import type { Step } from '@/lib/replication/engine';
import { passwordVerifier } from '@/lib/replication/password';
import { planSetup } from '@/lib/replication/plan-setup';
import { toEngineStep } from '@/lib/replication/plan-step';
import type { SetupOptions, SetupSnapshot } from '@/lib/replication/setup-types';
import { registerOperationKind } from '@/lib/server/runner';
import { monitoringLoginStep, monitorVerifier } from './monitoring-steps';

/** What a setup operation stores: the snapshot preflight passed on and the options. */
export interface SetupParams {
  snapshot: SetupSnapshot;
  options: SetupOptions;
}

async function replicationPassword(clusterId: number): Promise<string> {
  const cluster = await (await db()).cluster.findUnique({ where: { id: clusterId }, select: { replicationSecret: true } });
  if (!cluster?.replicationSecret) throw new Error('This cluster has no replication password stored.');
  return unseal('cluster.replicationSecret', cluster.replicationSecret);
}

/** Tandem's own record of the result, as the last step, so a resumed setup also ends in it. */
function markActiveStep(clusterId: number): Step {
  const isActive = async () => (await (await db()).cluster.findUnique({ where: { id: clusterId }, select: { status: true } }))?.status === 'active';
  return {
    name: 'Record the cluster as active in Tandem',
    host: null,
    deadlineMs: 10_000,
    describe: () => ({ commands: ['(Tandem inventory) cluster status: setting up → active'] }),
    check: isActive,
    async run() {
      await (await db()).cluster.update({ where: { id: clusterId }, data: { status: 'active' }, select: { id: true } });
    },
    async verify() {
      if (!(await isActive())) throw new Error('The cluster was not recorded as active.');
    },
  };
}

registerOperationKind('setup', async (operation) => {
  if (operation.clusterId === null) throw new Error('A setup needs its cluster record.');
  const { snapshot, options } = operation.params as unknown as SetupParams;
  const planned = planSetup(snapshot, options);
  if (!planned.ok) throw new Error(`The stored setup cannot be planned: ${planned.issues.map((issue) => issue.message).join('; ')}`);
  const password = await replicationPassword(operation.clusterId);
  const verifier = passwordVerifier(options.passwordMethod, options.roleName, password);
  const monitor = await monitorVerifier(operation.clusterId);
  const secrets = { replicationPassword: password, replicationPasswordVerifier: verifier, monitorPasswordVerifier: monitor.verifier };
  return {
    steps: [...planned.plan.steps.map((step) => toEngineStep(step, secrets)), monitoringLoginStep(operation.clusterId), markActiveStep(operation.clusterId)],
    secrets: [password, verifier, monitor.password, monitor.verifier],
  };
});
