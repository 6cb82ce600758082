import { assertLabAddress, labHost, labUser, readLabPrivateKey } from '@/lab/client';
import { db } from '@/lib/db/client';
import { storeHostSecret } from '@/lib/db/hosts';
import { startOperation } from '@/lib/operations/runner';
import { createClusterRecord } from '../create-cluster-record';
import { prepareSetup } from '../prepare-setup';
import type { SetupForm } from '../wizard-schema';
import { setupKind } from '@/lib/operations/setup/kind';

export const labActor = { id: null, email: 'lab@example.com', clientAddress: null };

/**
 * Registers lab hosts in Tandem's database with their pinned host keys: as root with the lab
 * key, or as a lab test user with its password (`tdmlab`'s sudo needs none).
 */
export async function registerLabHosts(names: string[], options: { readonly user?: 'tdmlab' } = {}): Promise<Record<string, number>> {
  const prisma = await db();
  const login = options.user ? { sshUser: options.user, authMethod: 'password' as const, secret: labUser(options.user).password } : { sshUser: 'root', authMethod: 'key' as const, secret: readLabPrivateKey() };
  const ids: Record<string, number> = {};
  for (const name of names) {
    const lab = labHost(name);
    assertLabAddress(lab.address);
    const { id } = await prisma.host.create({
      data: {
        name, sshAddress: lab.address, sshPort: lab.sshPort, sshUser: login.sshUser, authMethod: login.authMethod, pgPort: lab.pgPort,
        sshSecret: '', hostKeyFingerprint: lab.currentHostKeyFingerprint, hostKeyType: lab.hostKeyType, hostKeyEverPinned: true,
      },
      select: { id: true },
    });
    await storeHostSecret(id, login.secret);
    ids[name] = id;
  }
  return ids;
}

export function labSetupForm(primaryId: number, replicaIds: number[], overrides: Partial<SetupForm> = {}): SetupForm {
  return {
    clusterName: 'orders', primaryId, replicaIds, roleName: 'replicator', passwordMethod: 'scram-sha-256', slots: true, maxSlotWalKeepSize: '10GB',
    baseBackupMaxRateMb: null, mode: 'async', tls: false, existingData: 'move-aside', setListenAddresses: false, enableWalLogHints: true, reuseExistingRole: false, ...overrides,
  };
}

/** Prepares and starts a setup as the wizard's Run does; returns the cluster, its params and the operation. */
export async function startLabSetup(form: SetupForm) {
  const prepared = await prepareSetup(form);
  if (!prepared.ok) throw new Error(prepared.message);
  if (!prepared.canRun) throw new Error(`preflight failed: ${JSON.stringify(prepared.checks.filter((check) => check.status === 'fail'))}`);
  const clusterId = await createClusterRecord(form, prepared.options, prepared.snapshot.primary.facts?.cluster?.version, { actorId: null, actorEmail: labActor.email });
  const params = { snapshot: prepared.snapshot, options: prepared.options };
  const claim = await startOperation(setupKind, { clusterId, params, reason: 'lab', actor: labActor });
  if (!claim.ok) throw new Error(claim.message);
  return { clusterId, params, operationId: claim.operationId };
}
