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
  hostKeyEverPinned: true,
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

/** Where a host's SSH secret may be used: its row and `user@address:port`. Its ciphertexts are sealed under this. */
export interface HostEndpoint {
  readonly id: number;
  readonly sshUser: string;
  readonly sshAddress: string;
  readonly sshPort: number;
}

function bindingOf(endpoint: HostEndpoint): string {
  return `${endpoint.id}:${endpoint.sshUser}@${endpoint.sshAddress}:${endpoint.sshPort}`;
}

/** The secret as typed in the form: a key (normalised) or a password; empty keeps the stored one. */
function typedSecret(input: CreateHostInput | UpdateHostInput): string {
  const secret = input.authMethod === 'key' ? input.privateKey.trim() : input.password;
  return secret === '' ? '' : input.authMethod === 'key' ? `${secret}\n` : secret;
}

/**
 * A host's SSH secret (and a key's passphrase) sealed for `endpoint`: a ciphertext that opens
 * only for this host row at this `user@address:port`, so a secret entered for one machine is
 * never sent to another, whoever edits the row.
 */
export async function sealHostCredentials(endpoint: HostEndpoint, credentials: { readonly secret: string; readonly passphrase?: string | null }) {
  const binding = bindingOf(endpoint);
  return {
    sshSecret: await seal('host.sshSecret', credentials.secret, binding),
    sshPassphrase: credentials.passphrase ? await seal('host.sshPassphrase', credentials.passphrase, binding) : null,
  };
}

/** Replaces a host's stored SSH secret with `secret`, sealed for the endpoint its row records now (fixtures and scripts that write rows directly). */
export async function storeHostSecret(hostId: number, secret: string, passphrase: string | null = null): Promise<void> {
  const prisma = await db();
  const endpoint = await prisma.host.findUniqueOrThrow({ where: { id: hostId }, select: { id: true, sshUser: true, sshAddress: true, sshPort: true } });
  await prisma.host.update({ where: { id: hostId }, data: await sealHostCredentials(endpoint, { secret, passphrase }), select: { id: true } });
}

export async function insertHost(input: CreateHostInput, tx: Prisma.TransactionClient) {
  const secret = typedSecret(input);
  if (secret === '') throw new Error('A new host needs its SSH secret');
  const row = await tx.host.create({ data: { ...plainFields(input), sshSecret: '' }, select: { id: true, name: true } });
  const sealed = await sealHostCredentials({ id: row.id, ...input }, { secret, passphrase: input.authMethod === 'key' ? input.passphrase : null });
  await tx.host.update({ where: { id: row.id }, data: sealed, select: { id: true } });
  return row;
}

/** Raised when an edit moves a host (address, port or SSH user) without its secret typed again. */
export class SecretRequired extends Error {
  constructor(name: string) {
    super(`The address, port or SSH user of ${name} changed: enter its SSH secret again. Tandem does not send the stored secret to a new endpoint.`);
    this.name = 'SecretRequired';
  }
}

/**
 * Updates a host; an empty secret keeps the stored one, but only while the host stays where
 * it was: a changed address, port or SSH user needs the secret typed again (the stored one
 * is sealed for the old endpoint), and a changed address or port drops the pinned host key,
 * which belongs to the old endpoint and must be accepted again (with the name typed, as the
 * host had one pinned).
 */
export async function updateHostRow(input: UpdateHostInput, tx: Prisma.TransactionClient) {
  const before = await tx.host.findUnique({ where: { id: input.id }, select: { name: true, sshAddress: true, sshPort: true, sshUser: true, pgPort: true } });
  if (!before) return null;
  const moved = before.sshAddress !== input.sshAddress || before.sshPort !== input.sshPort;
  const endpointChanged = moved || before.sshUser !== input.sshUser;
  if (endpointChanged || before.pgPort !== input.pgPort) await refuseWhileOperating(input.id, before.name, tx);
  const secret = typedSecret(input);
  if (endpointChanged && secret === '') throw new SecretRequired(before.name);
  const sealed = secret === '' ? {} : await sealHostCredentials(input, { secret, passphrase: input.authMethod === 'key' ? input.passphrase : null });
  return tx.host.update({
    where: { id: input.id },
    data: {
      ...plainFields(input),
      ...sealed,
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
    select: { id: true, name: true, pgPort: true, sshAddress: true, sshPort: true, sshUser: true, authMethod: true, sshSecret: true, sshPassphrase: true, hostKeyFingerprint: true },
  });
  if (!host) return null;
  const binding = bindingOf(host);
  const secret = await unseal('host.sshSecret', host.sshSecret, binding);
  const passphrase = host.sshPassphrase ? await unseal('host.sshPassphrase', host.sshPassphrase, binding) : undefined;
  const auth: SshAuth = host.authMethod === 'key' ? { kind: 'key', privateKey: secret, ...(passphrase ? { passphrase } : {}) } : { kind: 'password', password: secret };
  return {
    name: host.name,
    pgPort: host.pgPort,
    target: { address: host.sshAddress, port: host.sshPort, username: host.sshUser, pinnedHostKey: host.hostKeyFingerprint, auth },
  };
}

const BOUND_SECRETS_SETTING = 'secrets.hostSecretsBound';

/**
 * Once, at the first start of a Tandem that binds host secrets to their endpoint: seals the
 * secrets stored before (under their field alone) for the endpoint each row records then,
 * and notes that it was done, so a field-only ciphertext put back later never opens again.
 * Returns how many were rebound.
 */
export async function bindLegacyHostSecrets(): Promise<number> {
  const prisma = await db();
  if (await prisma.setting.findUnique({ where: { key: BOUND_SECRETS_SETTING }, select: { key: true } })) return 0;
  const hosts = await prisma.host.findMany({ select: { id: true, sshUser: true, sshAddress: true, sshPort: true, sshSecret: true, sshPassphrase: true } });
  let rebound = 0;
  for (const host of hosts) {
    const legacy = await unseal('host.sshSecret', host.sshSecret).catch(() => null);
    if (legacy === null) continue;
    const passphrase = host.sshPassphrase ? await unseal('host.sshPassphrase', host.sshPassphrase).catch(() => null) : null;
    await prisma.host.update({ where: { id: host.id }, data: await sealHostCredentials(host, { secret: legacy, passphrase }), select: { id: true } });
    rebound += 1;
  }
  await prisma.setting.upsert({ where: { key: BOUND_SECRETS_SETTING }, create: { key: BOUND_SECRETS_SETTING, value: { at: new Date().toISOString(), rebound } }, update: {}, select: { key: true } });
  return rebound;
}
