import 'server-only';
import { isPgError } from '@/lib/pg/errors';
import { psqlOverSsh } from '@/lib/pg/psql-over-ssh';
import { isSshError, type SshError } from '@/lib/ssh/errors';
import { fetchHostKey, hostKeyUnpinnedError } from '@/lib/ssh/host-key';
import { SshPool } from '@/lib/ssh/pool';
import { describeTarget, type SshTarget } from '@/lib/ssh/target';
import { managedCluster, readScriptOutput } from './assemble';
import type { HostFacts } from './facts';
import { CLUSTER_SQL, DISCOVERY_SCRIPT } from './script';

export const DISCOVERY_CONNECT_TIMEOUT_MS = 8_000;
const SCRIPT_TIMEOUT_MS = 20_000;
const SQL_TIMEOUT_MS = 15_000;

export type DiscoveryOutcome =
  | { ok: true; facts: HostFacts; durationMs: number }
  | {
      ok: false;
      code: string;
      message: string;
      hint: string;
      presentedFingerprint?: string;
      presentedKeyType?: string;
      facts?: HostFacts;
      durationMs: number;
    };

/**
 * Connects to a host and reports what Tandem needs to manage it: OS, PostgreSQL versions
 * and clusters, and for the cluster on `pgPort` its paths, service control, state,
 * checksums, size and free disk. Expected failures (unpinned or changed host key, wrong
 * credentials, unreachable, no cluster on the port) come back as values with a hint;
 * a stopped PostgreSQL is a fact, not a failure. Changes nothing on the host.
 * It always opens a fresh connection, so the host key is verified now, not when some
 * pooled connection was made.
 */
export async function discoverHost(target: SshTarget, pgPort: number): Promise<DiscoveryOutcome> {
  const pool = new SshPool({ idleMs: 0 });
  try {
    return await discoverWith(pool, target, pgPort);
  } finally {
    pool.closeAll();
  }
}

async function discoverWith(pool: SshPool, target: SshTarget, pgPort: number): Promise<DiscoveryOutcome> {
  const started = Date.now();
  const elapsed = () => Date.now() - started;
  const withTimeout: SshTarget = { ...target, connectTimeoutMs: target.connectTimeoutMs ?? DISCOVERY_CONNECT_TIMEOUT_MS };
  try {
    if (!target.pinnedHostKey) {
      const presented = await fetchHostKey(target.address, target.port, { timeoutMs: withTimeout.connectTimeoutMs ?? DISCOVERY_CONNECT_TIMEOUT_MS });
      return { ...failureOf(hostKeyUnpinnedError(describeTarget(target), presented)), durationMs: elapsed() };
    }
    const result = await pool.exec(withTimeout, DISCOVERY_SCRIPT, { as: 'root', timeoutMs: SCRIPT_TIMEOUT_MS });
    if (result.code !== 0) {
      return { ok: false, code: 'exec-failed', message: `Discovery commands failed on ${describeTarget(target)}: ${result.stderr.trim().slice(-300)}`, hint: 'Check that the SSH user can run ps, df and pg_lsclusters.', durationMs: elapsed() };
    }
    const script = readScriptOutput(result.stdout);
    const listing = script.facts.clusters.find((cluster) => cluster.port === pgPort);
    if (!listing) {
      const facts: HostFacts = { ...script.facts, cluster: null };
      return { ok: false, ...noClusterFailure(facts, pgPort), facts, durationMs: elapsed() };
    }
    const notes: string[] = [];
    let live: Record<string, string | null> | null = null;
    if (listing.running) {
      try {
        live = (await psqlOverSsh(withTimeout, CLUSTER_SQL, { port: pgPort, timeoutMs: SQL_TIMEOUT_MS, pool })).rows[0] ?? null;
      } catch (error) {
        if (!isPgError(error) && !isSshError(error)) throw error;
        notes.push(`PostgreSQL is running but could not be queried as the postgres user: ${error.message}`);
      }
    } else {
      notes.push(`PostgreSQL ${listing.version}${listing.name ? `/${listing.name}` : ''} is stopped; settings shown are from its files, not the server.`);
    }
    const facts: HostFacts = { ...script.facts, notes, cluster: managedCluster(listing, script, live) };
    return { ok: true, facts, durationMs: elapsed() };
  } catch (error) {
    if (isSshError(error) || isPgError(error)) return { ...failureOf(error), durationMs: elapsed() };
    throw error;
  }
}

function failureOf(error: SshError | { code: string; message: string; hint: string; details?: object }) {
  const details = (error.details ?? {}) as { presentedFingerprint?: string; presentedKeyType?: string };
  return {
    ok: false as const,
    code: error.code,
    message: error.message,
    hint: error.hint,
    ...(details.presentedFingerprint ? { presentedFingerprint: details.presentedFingerprint } : {}),
    ...(details.presentedKeyType ? { presentedKeyType: details.presentedKeyType } : {}),
  };
}

function noClusterFailure(facts: HostFacts, pgPort: number) {
  if (facts.clusters.length === 0) {
    return {
      code: 'no-postgresql',
      message: facts.installedVersions.length
        ? `PostgreSQL ${facts.installedVersions.join(', ')} is installed but no cluster exists.`
        : 'No PostgreSQL installation or running server was found.',
      hint: 'Install PostgreSQL and create a cluster (e.g. pg_createcluster 15 main --start), then test again.',
    };
  }
  const found = facts.clusters.map((cluster) => `${cluster.version}${cluster.name ? `/${cluster.name}` : ''} on port ${cluster.port}`).join(', ');
  return {
    code: 'no-cluster-on-port',
    message: `No PostgreSQL cluster uses port ${pgPort}; found ${found}.`,
    hint: "Set the host's PostgreSQL port to the cluster Tandem should manage.",
  };
}
