import 'server-only';
import { db } from '@/lib/db/client';
import { loadHostTarget } from '@/lib/db/hosts';
import { saveDiscovery } from '@/lib/db/discovery';
import { discoverHost } from '@/lib/discovery/discover-host';
import { readMemberStatus } from '@/lib/members/read-status';
import { isPgError } from '@/lib/pg/errors';
import { psqlOverSsh } from '@/lib/pg/psql-over-ssh';
import { isRowShapeError } from '@/lib/pg/sql';
import type { ExistingRole, PrimaryProbe, ReplicaProbe, SetupHost, SetupSnapshot } from '@/lib/replication/setup-types';
import { isSshError } from '@/lib/ssh/errors';
import { getSshPool } from '@/lib/ssh/pool';
import { sh } from '@/lib/ssh/shell';
import type { SshTarget } from '@/lib/ssh/target';
import { existingRoleOf, primaryProbeOf, ROLE_ATTRIBUTES_SQL } from './primary-probe';

const PROBE_TIMEOUT_MS = 15_000;

interface Loaded {
  id: number;
  setup: SetupHost;
  target: SshTarget | null;
  pgPort: number;
}

/**
 * Reads everything preflight needs, fresh, changing nothing: discovery of every host
 * (stored, as Test connection would), the primary's replication headroom, risky settings
 * and the role named `roleName` if it exists, and from each replica whether it reaches the
 * primary's PostgreSQL port.
 */
export async function gatherSetupSnapshot(primaryId: number, replicaIds: number[], roleName: string): Promise<SetupSnapshot> {
  const [primary, ...replicas] = await Promise.all([primaryId, ...replicaIds].map(loadAndDiscover));
  if (!primary) throw new Error('A primary is required');
  const primaryCluster = primary.setup.facts?.cluster;
  const primaryProbe = primary.target && primaryCluster?.running ? await probePrimary(primary.target, primary.pgPort, roleName) : null;
  const replicaProbes = await Promise.all(
    replicas.map((replica) => (replica.target && primaryCluster ? probeReplica(replica.target, primary.setup.address, primaryCluster.port) : Promise.resolve(null))),
  );
  return {
    primary: { ...primary.setup, probe: primaryProbe },
    replicas: replicas.map((replica, index) => ({ ...replica.setup, probe: replicaProbes[index] ?? null })),
  };
}

async function loadAndDiscover(id: number): Promise<Loaded> {
  const host = await loadHostTarget(id);
  if (!host) throw new Error(`Host ${id} no longer exists`);
  const outcome = await discoverHost(host.target, host.pgPort);
  await saveDiscovery(id, outcome);
  const via = (await (await db()).host.findUnique({ where: { id }, select: { pgVia: true } }))?.pgVia;
  return {
    id,
    pgPort: host.pgPort,
    target: outcome.ok ? host.target : null,
    setup: {
      name: host.name,
      address: host.target.address,
      hostKeyPinned: host.target.pinnedHostKey !== null,
      discoveryProblem: outcome.ok ? null : { code: outcome.code, message: outcome.message, hint: outcome.hint },
      facts: outcome.ok ? outcome.facts : null,
      pgVia: via === 'ssh_tunnel' ? 'ssh-tunnel' : 'direct',
    },
  };
}

/** The primary's headroom, settings and replication role; null when they could not be read (preflight then says so). */
async function probePrimary(target: SshTarget, port: number, roleName: string): Promise<PrimaryProbe | null> {
  const read = await readMemberStatus(target, port, PROBE_TIMEOUT_MS);
  if (!read.reachable) return null;
  const role = await readExistingRole(target, port, roleName);
  return role === 'unread' ? null : primaryProbeOf(read.status, role);
}

/** The role named `roleName` on the primary (a psql variable, never SQL text), null when none exists, `unread` when the query failed. */
async function readExistingRole(target: SshTarget, port: number, roleName: string): Promise<ExistingRole | null | 'unread'> {
  try {
    const { rows } = await psqlOverSsh({ ...target, connectTimeoutMs: PROBE_TIMEOUT_MS }, ROLE_ATTRIBUTES_SQL, { port, params: { role_name: roleName }, timeoutMs: PROBE_TIMEOUT_MS });
    return existingRoleOf(rows);
  } catch (error) {
    if (isSshError(error) || isPgError(error) || isRowShapeError(error)) return 'unread';
    throw error;
  }
}

async function probeReplica(target: SshTarget, primaryAddress: string, primaryPort: number): Promise<ReplicaProbe> {
  try {
    const result = await getSshPool().exec(target, sh`pg_isready -h ${primaryAddress} -p ${primaryPort} -t 5`, { timeoutMs: PROBE_TIMEOUT_MS });
    return { pgIsReadyExitCode: result.code };
  } catch (error) {
    if (isSshError(error)) return { pgIsReadyExitCode: null };
    throw error;
  }
}
