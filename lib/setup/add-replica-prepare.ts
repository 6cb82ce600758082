import 'server-only';
import { randomBytes } from 'node:crypto';
import { db } from '@/lib/db/client';
import { canAddReplica } from '@/lib/replication/add-replica-preconditions';
import { planAddReplica } from '@/lib/replication/plan-setup';
import type { SetupPlan } from '@/lib/replication/plan-types';
import { runPreflight } from '@/lib/replication/preflight';
import type { PreflightCheck } from '@/lib/replication/preflight-types';
import { renderRunbook, runbookText, type RunbookStep } from '@/lib/replication/runbook';
import type { SetupOptions, SetupSnapshot } from '@/lib/replication/setup-types';
import { loadBackupPlan } from '@/lib/db/backups';
import { addReplicaChecks, addReplicaOptions, withBaseBackupRate } from './add-replica-options';
import type { AddReplicaForm } from './add-replica-schema';
import { gatherSetupSnapshot } from './gather-snapshot';

export interface PreparedAddReplica {
  ok: true;
  clusterName: string;
  newReplicaName: string;
  checks: PreflightCheck[];
  canRun: boolean;
  snapshot: SetupSnapshot;
  options: SetupOptions;
  /** Null while preflight fails: a plan needs every host's facts. */
  plan: SetupPlan | null;
  runbook: RunbookStep[];
  runbookText: string;
}

export type AddReplicaRefusal = { ok: false; message: string; fieldErrors?: Record<string, string[]> };

interface TargetCluster {
  name: string;
  settings: unknown;
  primaryId: number;
  replicaIds: readonly number[];
}

/** The cluster to grow, or why no replica can be added to it now ({@link canAddReplica}), from Tandem's records before any host is contacted. */
async function targetCluster(form: AddReplicaForm): Promise<{ cluster: TargetCluster } | { field: 'hostId' | null; message: string }> {
  const prisma = await db();
  const cluster = await prisma.cluster.findUnique({
    where: { id: form.clusterId },
    select: { name: true, status: true, settings: true, replicationSecret: true, members: { select: { hostId: true, role: true }, orderBy: { id: 'asc' } } },
  });
  if (!cluster) return { field: null, message: 'This cluster no longer exists.' };
  const host = await prisma.host.findUnique({ where: { id: form.hostId }, select: { name: true, memberships: { select: { cluster: { select: { name: true } } } } } });
  const verdict = canAddReplica({
    cluster: { name: cluster.name, status: cluster.status, replicationPasswordKnown: cluster.replicationSecret !== null, members: cluster.members },
    host: host ? { name: host.name, memberOf: host.memberships[0]?.cluster.name ?? null } : null,
  });
  if (!verdict.ok) return verdict.refusals[0];
  return { cluster: { name: cluster.name, settings: cluster.settings, primaryId: verdict.primaryId, replicaIds: verdict.replicaIds } };
}

/**
 * Everything before a replica may be added, fresh from the hosts: the cluster's records
 * (a stored replication password, active, the host free), a snapshot of the primary,
 * every existing replica and the new host, the cluster's stored options with a new stamp
 * and canary token, validation, preflight and (only when preflight passes) the plan.
 * Changes nothing on any host.
 */
export async function prepareAddReplica(form: AddReplicaForm): Promise<PreparedAddReplica | AddReplicaRefusal> {
  const found = await targetCluster(form);
  if (!('cluster' in found)) return found.field ? { ok: false, message: 'Some fields need attention.', fieldErrors: { [found.field]: [found.message] } } : { ok: false, message: found.message };
  const { cluster } = found;
  const backups = form.source === 'backup' ? await loadBackupPlan(form.clusterId) : null;
  const stanza = backups?.enabledAt ? backups.stanza : null;
  if (form.source === 'backup' && stanza === null) {
    return { ok: false, message: 'Some fields need attention.', fieldErrors: { source: [`Backups are not enabled on ${cluster.name}: clone from the primary, or enable backups first.`] } };
  }
  const stored = withBaseBackupRate(addReplicaOptions(cluster.settings, cluster.name, new Date(), randomBytes(12).toString('hex')), form.baseBackupMaxRateMb);
  const options = stanza ? { ...stored, cloneFromStanza: stanza } : stored;
  const snapshot = await gatherSetupSnapshot(cluster.primaryId, [...cluster.replicaIds, form.hostId], options.roleName);
  const newReplicaName = snapshot.replicas.at(-1)?.name ?? '';
  const checks = addReplicaChecks(runPreflight(snapshot, options).checks, snapshot, newReplicaName);
  if (checks.some((item) => item.status === 'fail')) {
    return { ok: true, clusterName: cluster.name, newReplicaName, checks, canRun: false, snapshot, options, plan: null, runbook: [], runbookText: '' };
  }
  const planned = planAddReplica(snapshot, options, newReplicaName);
  if (!planned.ok) return { ok: false, message: `Some values cannot be used safely in commands; nothing was run. ${planned.issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ')}` };
  const runbook = renderRunbook(planned.plan);
  return {
    ok: true,
    clusterName: cluster.name,
    newReplicaName,
    checks,
    canRun: true,
    snapshot,
    options,
    plan: planned.plan,
    runbook,
    runbookText: runbookText(planned.plan, runbook),
  };
}

/** Whether Tandem holds the cluster's replication password (an imported cluster does not), for the cluster page. */
export async function replicationPasswordKnown(clusterId: number): Promise<boolean> {
  const cluster = await (await db()).cluster.findUnique({ where: { id: clusterId }, select: { replicationSecret: true } });
  return Boolean(cluster?.replicationSecret);
}
