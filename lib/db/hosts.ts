import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import type { CreateHostInput, UpdateHostInput } from '@/lib/inventory/host-schema';
import type { StepTarget } from '@/lib/inventory/step-target';
import type { SshAuth, SshTarget } from '@/lib/ssh/target';
import { db } from './client';
import { seal, unseal } from './secrets';

/** What pages may see of a host: never its secrets. */
export const hostPublicSelect = {
  id: true,
  name: true,
  sshAddress: true,
  sshPort: true,
  sshUser: true,
  authMethod: true,
  pgPort: true,
  pgVia: true,
  labels: true,
  notes: true,
  hostKeyFingerprint: true,
  hostKeyType: true,
  hostKeyPinnedAt: true,
  createdAt: true,
  updatedAt: true,
  memberships: { select: { role: true, cluster: { select: { id: true, name: true } } } },
} satisfies Prisma.HostSelect;

export type HostSummary = Prisma.HostGetPayload<{ select: typeof hostPublicSelect }>;

export async function listHosts(): Promise<HostSummary[]> {
  return (await db()).host.findMany({ select: hostPublicSelect, orderBy: { name: 'asc' } });
}

export async function findHost(id: number): Promise<HostSummary | null> {
  return (await db()).host.findUnique({ where: { id }, select: hostPublicSelect });
}

type HostFields = Omit<CreateHostInput, 'privateKey' | 'passphrase' | 'password'>;

function plainFields(input: HostFields) {
  return {
    name: input.name,
    sshAddress: input.sshAddress,
    sshPort: input.sshPort,
    sshUser: input.sshUser,
    authMethod: input.authMethod,
    pgPort: input.pgPort,
    pgVia: input.pgVia,
    labels: input.labels,
    notes: input.notes,
  };
}

/** The ciphertexts for the host's chosen method, or undefined to keep the stored ones. */
async function sealedSecrets(input: CreateHostInput | UpdateHostInput) {
  const secret = input.authMethod === 'key' ? input.privateKey.trim() : input.password;
  if (secret === '') return undefined;
  return {
    sshSecret: await seal('host.sshSecret', input.authMethod === 'key' ? `${secret}\n` : secret),
    sshPassphrase: input.authMethod === 'key' && input.passphrase ? await seal('host.sshPassphrase', input.passphrase) : null,
  };
}

export async function insertHost(input: CreateHostInput, tx: Prisma.TransactionClient) {
  const secrets = await sealedSecrets(input);
  if (!secrets) throw new Error('A new host needs its SSH secret');
  return tx.host.create({ data: { ...plainFields(input), ...secrets }, select: { id: true, name: true } });
}

/**
 * Updates a host; an empty secret keeps the stored one. A changed address or port drops
 * the pinned host key: it belongs to the old endpoint and must be accepted again.
 */
export async function updateHostRow(input: UpdateHostInput, tx: Prisma.TransactionClient) {
  const before = await tx.host.findUnique({ where: { id: input.id }, select: { name: true, sshAddress: true, sshPort: true, sshUser: true, pgPort: true } });
  if (!before) return null;
  const moved = before.sshAddress !== input.sshAddress || before.sshPort !== input.sshPort;
  if (moved || before.sshUser !== input.sshUser || before.pgPort !== input.pgPort) await refuseWhileOperating(input.id, before.name, tx);
  const secrets = await sealedSecrets(input);
  return tx.host.update({
    where: { id: input.id },
    data: {
      ...plainFields(input),
      ...(secrets ?? {}),
      ...(moved ? { hostKeyFingerprint: null, hostKeyType: null, hostKeyPinnedAt: null } : {}),
    },
    select: { id: true, name: true },
  });
}

/** Raised when a host's endpoint would change under an active operation on one of its clusters. */
export class HostInUse extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HostInUse';
  }
}

/**
 * Operations send their steps to the address, ports and user recorded when they were
 * planned; while one is active (running, pending or interrupted) on a cluster this host
 * belongs to, those cannot change.
 */
async function refuseWhileOperating(hostId: number, name: string, tx: Prisma.TransactionClient): Promise<void> {
  const lock = await tx.clusterLock.findFirst({ where: { cluster: { members: { some: { hostId } } } }, select: { operationId: true, cluster: { select: { name: true } } } });
  if (lock) {
    throw new HostInUse(`Operation ${lock.operationId} on cluster ${lock.cluster.name} is active and acts on ${name}: its address, ports and SSH user cannot change until the operation ends or is cancelled.`);
  }
}

const targetSelect = { id: true, name: true, sshAddress: true, sshPort: true, sshUser: true, pgPort: true, hostKeyFingerprint: true } satisfies Prisma.HostSelect;

/** Hosts, by name or by id, as a step would target them now; one missing from the inventory is left out. */
export async function loadStepTargets(which: { readonly names: readonly string[] } | { readonly ids: readonly number[] }): Promise<StepTarget[]> {
  const rows = await (await db()).host.findMany({ where: 'names' in which ? { name: { in: [...which.names] } } : { id: { in: [...which.ids] } }, select: targetSelect });
  return rows.map((row) => ({ hostId: row.id, name: row.name, address: row.sshAddress, sshPort: row.sshPort, sshUser: row.sshUser, pgPort: row.pgPort, hostKeyFingerprint: row.hostKeyFingerprint }));
}

/** A host's SSH target with decrypted credentials, for the ssh and pg layers only. */
export async function loadHostTarget(id: number): Promise<{ name: string; pgPort: number; target: SshTarget } | null> {
  const host = await (await db()).host.findUnique({
    where: { id },
    select: { name: true, pgPort: true, sshAddress: true, sshPort: true, sshUser: true, authMethod: true, sshSecret: true, sshPassphrase: true, hostKeyFingerprint: true },
  });
  if (!host) return null;
  const secret = await unseal('host.sshSecret', host.sshSecret);
  const passphrase = host.sshPassphrase ? await unseal('host.sshPassphrase', host.sshPassphrase) : undefined;
  const auth: SshAuth = host.authMethod === 'key' ? { kind: 'key', privateKey: secret, ...(passphrase ? { passphrase } : {}) } : { kind: 'password', password: secret };
  return {
    name: host.name,
    pgPort: host.pgPort,
    target: { address: host.sshAddress, port: host.sshPort, username: host.sshUser, pinnedHostKey: host.hostKeyFingerprint, auth },
  };
}
