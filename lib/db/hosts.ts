import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import type { CreateHostInput, UpdateHostInput } from '@/lib/inventory/host-schema';
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
  const before = await tx.host.findUnique({ where: { id: input.id }, select: { sshAddress: true, sshPort: true } });
  if (!before) return null;
  const secrets = await sealedSecrets(input);
  const moved = before.sshAddress !== input.sshAddress || before.sshPort !== input.sshPort;
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
