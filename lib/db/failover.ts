import 'server-only';
import { z } from 'zod';
import type { Prisma } from '@/generated/prisma/client';
import type { ServiceControl } from '@/lib/discovery/facts';
import { decodeHostFacts } from '@/lib/discovery/facts-schema';
import { laterLsn } from '@/lib/failover/lsn';
import type { FailoverClusterRecord, FailoverEvent, FailoverRecorder, HookSecret } from '@/lib/failover/plan-types';
import { hookSecretNameProblem } from '@/lib/failover/routing-hooks';
import { recordAudit, type AuditedBy } from './audit';
import { db } from './client';
import { seal, unseal } from './secrets';

const failoverSelect = {
  id: true,
  name: true,
  pgMajor: true,
  replicationRole: true,
  settings: true,
  lagGuardBytes: true,
  routingHooks: true,
  certificates: { select: { hostId: true } },
  members: {
    select: {
      role: true, applicationName: true, slotName: true, fenced: true, fencedAt: true, fenceReason: true,
      host: { select: { id: true, name: true, sshAddress: true, pgPort: true, discovery: { select: { facts: true } } } },
    },
    orderBy: [{ role: 'asc' }, { host: { name: 'asc' } }],
  },
} satisfies Prisma.ClusterSelect;

/** The setup options a failover reuses, as `clusters.settings` stores them (absent or unreadable fields take setup's defaults). */
const storedSettingsSchema = z.object({
  tls: z.boolean().catch(false),
  slots: z.boolean().catch(true),
  roleName: z.string().nullable().catch(null),
  passwordMethod: z.enum(['scram-sha-256', 'md5']).catch('scram-sha-256'),
}).catch({ tls: false, slots: true, roleName: null, passwordMethod: 'scram-sha-256' });

function settingsOf(settings: Prisma.JsonValue) {
  return storedSettingsSchema.parse(settings ?? {});
}

/** A cluster as failover plans need it: members with address, control method and data directory from the last discovery. */
export async function loadFailoverCluster(clusterId: number): Promise<FailoverClusterRecord | null> {
  const row = await (await db()).cluster.findUnique({ where: { id: clusterId }, select: failoverSelect });
  if (!row) return null;
  const settings = settingsOf(row.settings);
  const certified = new Set(row.certificates.map((certificate) => certificate.hostId));
  const fallbackControl = (): ServiceControl => ({ kind: 'pg_ctlcluster', version: String(row.pgMajor ?? 15), name: 'main' });
  return {
    id: row.id,
    cluster: {
      name: row.name, roleName: row.replicationRole ?? settings.roleName ?? 'replicator', tls: settings.tls, slots: settings.slots,
      tlsVerified: settings.tls && row.members.every((member) => certified.has(member.host.id)),
      major: row.pgMajor ?? 15, passwordMethod: settings.passwordMethod,
      endpoints: row.members.map((member) => ({ host: member.host.sshAddress, port: member.host.pgPort })),
    },
    lagGuardBytes: Number(row.lagGuardBytes),
    routingHooks: row.routingHooks,
    members: row.members.map((member) => {
      const facts = decodeHostFacts(member.host.discovery?.facts);
      return {
        hostId: member.host.id, name: member.host.name, address: member.host.sshAddress, pgPort: member.host.pgPort, role: member.role,
        applicationName: member.applicationName, slotName: member.slotName, fenced: member.fenced, fencedAt: member.fencedAt, fenceReason: member.fenceReason,
        control: facts?.cluster?.control ?? fallbackControl(), dataDirectory: facts?.cluster?.dataDirectory ?? null,
      };
    }),
  };
}

/** The newest receive LSN the poller stored for any replica of the cluster (a floor for the primary's last position). */
export async function latestStoredLsn(clusterId: number): Promise<string | null> {
  const rows = await (await db()).lagSample.findMany({ where: { clusterId, receiveLsn: { not: null } }, orderBy: { at: 'desc' }, take: 20, select: { receiveLsn: true } });
  return rows.reduce<string | null>((best, row) => laterLsn(best, row.receiveLsn), null);
}

/** Tandem's records for one cluster's failover steps (fence marks, roles); `notify` is how the application announces events. */
export function dbFailoverRecorder(clusterId: number, clusterName: string, notify: (event: FailoverEvent) => Promise<void>): FailoverRecorder {
  const memberOf = async (hostName: string) => (await db()).clusterMember.findFirst({ where: { clusterId, host: { name: hostName } }, select: { id: true, fenced: true } });
  return {
    async isFenced(hostName) {
      return (await memberOf(hostName))?.fenced ?? false;
    },
    async markFenced(hostName, reason, enforced) {
      const member = await memberOf(hostName);
      if (!member) throw new Error(`${hostName} is not a member of cluster ${clusterName}.`);
      await (await db()).clusterMember.update({ where: { id: member.id }, data: { fenced: true, fencedAt: new Date(), fenceReason: reason.slice(0, 500), fenceEnforcedAt: enforced ? new Date() : null }, select: { id: true } });
    },
    async clearFence(hostName, slotName) {
      const member = await memberOf(hostName);
      if (member) await (await db()).clusterMember.update({ where: { id: member.id }, data: { fenced: false, fencedAt: null, fenceReason: null, fenceEnforcedAt: null, slotName }, select: { id: true } });
    },
    async primaryName() {
      const primary = await (await db()).clusterMember.findFirst({ where: { clusterId, role: 'primary' }, select: { host: { select: { name: true } } } });
      return primary?.host.name ?? null;
    },
    async setPrimary(newPrimary) {
      await (await db()).$transaction(async (tx) => {
        const target = await tx.clusterMember.findFirst({ where: { clusterId, host: { name: newPrimary } }, select: { id: true, fenced: true } });
        if (!target) throw new Error(`${newPrimary} is not a member of cluster ${clusterName}.`);
        if (target.fenced) throw new Error(`${newPrimary} is fenced and cannot be recorded as the primary.`);
        await tx.clusterMember.updateMany({ where: { clusterId, id: { not: target.id } }, data: { role: 'replica' } });
        await tx.clusterMember.update({ where: { id: target.id }, data: { role: 'primary' }, select: { id: true } });
      });
    },
    notify,
  };
}

/** A cluster's routing hooks as stored and the names of its hook secrets (never their values), for the admins' editor. */
export async function readRoutingHooks(clusterId: number): Promise<{ hooks: Prisma.JsonValue; secretNames: string[] }> {
  const row = await (await db()).cluster.findUnique({ where: { id: clusterId }, select: { routingHooks: true, routingHookSecrets: true } });
  return { hooks: row?.routingHooks ?? [], secretNames: Object.keys(sealedHookSecrets(row?.routingHookSecrets)).sort() };
}

/** Stored hook secrets: name → sealed value; anything else in the column is ignored. */
const sealedSecretsSchema = z.record(z.string(), z.string()).catch({});

function sealedHookSecrets(stored: Prisma.JsonValue | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(sealedSecretsSchema.parse(stored ?? {})).filter(([name]) => hookSecretNameProblem(name) === null));
}

/** What a hook secret's value is sealed under besides its field: its cluster and name, so it opens for no other. */
const hookSecretBinding = (clusterId: number, name: string) => `cluster:${clusterId}/${name}`;

/** The cluster's hook secrets, decrypted, for the routing hooks' environment. */
export async function loadRoutingHookSecrets(clusterId: number): Promise<HookSecret[]> {
  const row = await (await db()).cluster.findUnique({ where: { id: clusterId }, select: { routingHookSecrets: true } });
  const sealed = Object.entries(sealedHookSecrets(row?.routingHookSecrets)).sort(([a], [b]) => a.localeCompare(b));
  return Promise.all(sealed.map(async ([name, value]) => ({ name, value: await unseal('cluster.routingHookSecret', value, hookSecretBinding(clusterId, name)) })));
}

/** A change of hook secrets: values to set (new or replaced) and names to clear. */
export interface HookSecretChange {
  readonly set: readonly HookSecret[];
  readonly clear: readonly string[];
}

/**
 * Replaces a cluster's routing hooks, sets and clears its hook secrets (each value sealed for
 * the cluster and its name), and audits the change with the commands and the secrets' names
 * only, in one transaction.
 */
export async function saveRoutingHooks(clusterId: number, hooks: Prisma.InputJsonValue, secrets: HookSecretChange, summary: string, actor: AuditedBy): Promise<boolean> {
  const sealed = await Promise.all(secrets.set.map(async ({ name, value }) => [name, await seal('cluster.routingHookSecret', value, hookSecretBinding(clusterId, name))] as const));
  return (await db()).$transaction(async (tx) => {
    const row = await tx.cluster.findUnique({ where: { id: clusterId }, select: { routingHookSecrets: true } });
    if (!row) return false;
    const kept = Object.entries(sealedHookSecrets(row.routingHookSecrets)).filter(([name]) => !secrets.clear.includes(name));
    await tx.cluster.update({ where: { id: clusterId }, data: { routingHooks: hooks, routingHookSecrets: Object.fromEntries([...kept, ...sealed]) }, select: { id: true } });
    const details = { hooks, secretsSet: secrets.set.map((secret) => secret.name), secretsCleared: [...secrets.clear] };
    await recordAudit({ ...actor, action: 'cluster.routing-hooks', summary, targetType: 'cluster', targetId: clusterId, details }, tx);
    return true;
  });
}
