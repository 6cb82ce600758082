import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { certificateRenewalSteps } from '@/lib/replication/plan-certificates';
import { toEngineStep } from '@/lib/replication/plan-step';
import { certificateIssuer } from '../certificate-issuer';
import { defineOperationKind } from '../define-kind';

async function renewable(clusterId: number) {
  const cluster = await (await db()).cluster.findUnique({
    where: { id: clusterId },
    select: { name: true, certificates: { select: { hostId: true } }, members: { where: { fenced: false }, orderBy: [{ role: 'asc' }, { hostId: 'asc' }], select: { hostId: true, host: { select: { name: true, sshAddress: true } } } } },
  });
  if (!cluster) throw new Error('This cluster no longer exists.');
  return cluster;
}

/**
 * `renew-certificates`: a new key and certificate from Tandem's CA for every member that
 * holds one and is not fenced (a fenced member is stopped; renew it after it rejoins), then
 * a reload on each so new connections get the new certificate.
 */
export const renewCertificatesKind = defineOperationKind({
  kind: 'renew-certificates',
  params: z.object({}),
  async precondition({ clusterId }) {
    const cluster = await renewable(clusterId);
    return cluster.certificates.length === 0 ? `Cluster ${cluster.name} does not use TLS with Tandem's CA: no member holds a certificate from it.` : null;
  },
  async plan({ clusterId }) {
    const cluster = await renewable(clusterId);
    const certified = new Set(cluster.certificates.map((row) => row.hostId));
    const members = cluster.members.filter((member) => certified.has(member.hostId)).map((member) => ({ name: member.host.name, address: member.host.sshAddress }));
    const secrets = { replicationPassword: '', replicationPasswordVerifier: '', issuer: certificateIssuer(clusterId) };
    return { steps: certificateRenewalSteps(cluster.name, members).map((step) => toEngineStep(step, secrets)) };
  },
});
