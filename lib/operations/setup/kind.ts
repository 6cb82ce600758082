import 'server-only';
import { db } from '@/lib/db/client';
import { unseal } from '@/lib/db/secrets';
import type { Step } from '@/lib/replication/engine';
import { passwordVerifier } from '@/lib/replication/password';
import { planSetup } from '@/lib/replication/plan-setup';
import { toEngineStep } from '@/lib/replication/plan-step';
import { setupParamsSchema } from '@/lib/replication/setup-schema';
import { monitoringLoginStep, monitorVerifier } from '@/lib/setup/monitoring-steps';
import { certificateIssuer } from '../certificate-issuer';
import { defineOperationKind } from '../define-kind';

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

/** The wizard's setup: primary settings, role, pg_hba, base backups, standbys, monitoring, verification. */
export const setupKind = defineOperationKind({
  kind: 'setup',
  params: setupParamsSchema,
  async plan({ clusterId, params: { snapshot, options } }) {
    const planned = planSetup(snapshot, options);
    if (!planned.ok) throw new Error(`The stored setup cannot be planned: ${planned.issues.map((issue) => issue.message).join('; ')}`);
    const password = await replicationPassword(clusterId);
    const verifier = passwordVerifier(options.passwordMethod, options.roleName, password);
    const monitor = await monitorVerifier(clusterId);
    const secrets = { replicationPassword: password, replicationPasswordVerifier: verifier, monitorPasswordVerifier: monitor.verifier, ...(options.tls ? { issuer: certificateIssuer(clusterId) } : {}) };
    return {
      steps: [...planned.plan.steps.map((step) => toEngineStep(step, secrets)), monitoringLoginStep(clusterId), markActiveStep(clusterId)],
      secrets: [password, verifier, monitor.password, monitor.verifier],
    };
  },
});
